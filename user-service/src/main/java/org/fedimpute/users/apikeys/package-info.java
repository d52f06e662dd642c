/** API keys for scripted access: created and revoked by their owner, exchanged by the gateway for tokens. */
package org.fedimpute.users.apikeys;
