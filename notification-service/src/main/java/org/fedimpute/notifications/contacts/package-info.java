/** Recipients' contact details, asked of user-service with this service's token and kept briefly. */
package org.fedimpute.notifications.contacts;
