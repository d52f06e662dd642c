/** user-service: accounts, the JWT issuer, API keys, the audit log and researchers' tokens for external servers. */
package org.fedimpute.users;
