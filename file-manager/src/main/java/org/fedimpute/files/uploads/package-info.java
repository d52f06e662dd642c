/**
 * Uploads: a plain multipart upload for smaller files, a resumable tus 1.0 upload for large ones, and results streamed
 * in by job-processor; each streams into storage in constant memory, computing checksums on the way, and is held to
 * the file-name allowlist, the size limits of the user's tier and the chosen imputation service, and the user's quota.
 */
package org.fedimpute.files.uploads;
