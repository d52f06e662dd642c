/** Encryption at rest of what the service must keep secret but read back: signing keys, researchers' tokens. */
package org.fedimpute.users.secrets;
