package org.fedimpute.files.records;

/** What a stored file is for, which decides how long retention keeps it. */
public enum FileKind {
    /** A researcher's genotype data, uploaded for a job. */
    INPUT,
    /** What a job produced, streamed in by job-processor. */
    RESULT,
    /** A short-lived intermediate file. */
    TEMP
}
