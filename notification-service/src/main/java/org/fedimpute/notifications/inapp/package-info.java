/** In-app notifications: stored once per event and user, listed, counted, marked read and deleted by their owner. */
package org.fedimpute.notifications.inapp;
