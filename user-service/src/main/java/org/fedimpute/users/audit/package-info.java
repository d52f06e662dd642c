/** The append-only log of security events: registrations, logins, lockouts, key and role changes. */
package org.fedimpute.users.audit;
