/** Coordination between instances of a service through its PostgreSQL database. */
package org.fedimpute.platform.jdbc;
