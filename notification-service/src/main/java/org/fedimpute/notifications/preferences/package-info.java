/** What each user wants to hear about and how: channels per event type, quiet hours and the daily digest. */
package org.fedimpute.notifications.preferences;
