/** The storage the platform's files take, asked of file-manager. */
package org.fedimpute.monitoring.storage;
