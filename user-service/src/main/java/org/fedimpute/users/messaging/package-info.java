/** user-service's side of the platform's events: the transactional outbox it writes them into. */
package org.fedimpute.users.messaging;
