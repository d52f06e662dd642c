/** Logging in and staying logged in: passwords, lockout, access and rotating refresh tokens, logout. */
package org.fedimpute.users.authentication;
