/** Researchers' own tokens for external imputation servers: stored encrypted, shown masked, read only by job-processor. */
package org.fedimpute.users.externaltokens;
