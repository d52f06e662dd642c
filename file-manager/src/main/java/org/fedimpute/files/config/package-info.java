/** Cross-cutting configuration of file-manager. */
package org.fedimpute.files.config;
