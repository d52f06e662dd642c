package org.fedimpute.files.records;

/** The platform's stored files together: how many, and how many bytes, for monitoring. */
public record StorageTotals(long storedFiles, long storedBytes) {}
