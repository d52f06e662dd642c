package org.fedimpute.files.records;

/** Where a record is in its life; only {@code STORED} files are visible to anyone. */
enum FileStatus {
    /** Its content is streaming into storage. */
    UPLOADING,
    /** Complete, with size and checksums known. */
    STORED,
    /** Removed by its owner or retention; the row stays until storage has let go of the content. */
    DELETING
}
