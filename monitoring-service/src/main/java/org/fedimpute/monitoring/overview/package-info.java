/** The platform at a glance, for every signed-in user. */
package org.fedimpute.monitoring.overview;
