/** File contents at rest: the local filesystem or S3-compatible object storage, optionally encrypted. */
package org.fedimpute.files.storage;
