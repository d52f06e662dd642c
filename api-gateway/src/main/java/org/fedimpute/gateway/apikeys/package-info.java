/** API keys at the door: a key is exchanged with user-service for a short-lived access token, cached briefly. */
package org.fedimpute.gateway.apikeys;
