/** What the services' JPA entities share. */
package org.fedimpute.platform.persistence;
