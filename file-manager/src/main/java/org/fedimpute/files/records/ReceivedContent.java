package org.fedimpute.files.records;

/** What streaming a file's content into storage established: its size and checksums (lower-case hex). */
public record ReceivedContent(long sizeBytes, String sha256, String md5) {}
