/** Encryption of secrets at rest (researchers' external tokens, signing keys, catalogue tokens). */
package org.fedimpute.platform.secrets;
