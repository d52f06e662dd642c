/** Per-user storage quotas by tier, and what a user has left of theirs. */
package org.fedimpute.files.quota;
