/** The RS256 keys that sign access tokens, their rotation, the JWKS every service validates against. */
package org.fedimpute.users.tokens;
