/** The events this service's consumers gave up on, as the starter parked them, listed for admins. */
package org.fedimpute.notifications.deadletters;
