/** Cross-cutting configuration of user-service. */
package org.fedimpute.users.config;
