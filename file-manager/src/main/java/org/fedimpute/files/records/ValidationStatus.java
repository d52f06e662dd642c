package org.fedimpute.files.records;

/** Whether a genotype file passed validation; other files are not validated. */
public enum ValidationStatus {
    NOT_APPLICABLE,
    PENDING,
    VALID,
    INVALID
}
