/** Token validation at the front door: bad tokens stop here, admin paths need the ADMIN role, the rest pass on. */
package org.fedimpute.gateway.security;
