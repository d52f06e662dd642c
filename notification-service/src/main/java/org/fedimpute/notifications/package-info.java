/** notification-service: e-mail, in-app notifications and live pushes, driven by the platform's events. */
package org.fedimpute.notifications;
