/**
 * The client for GA4GH WES 1.1 nodes (the platform's own imputation node among them): runs posted as
 * multipart/form-data with their genotype files attached, run logs read back with the failing step's stderr, as
 * PROTOCOLS.md section 2 records it.
 */
package org.fedimpute.jobs.remote.wes;
