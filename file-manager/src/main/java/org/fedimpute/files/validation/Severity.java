package org.fedimpute.files.validation;

/** How much a finding matters: an error refuses the file for job submission, a warning and an info do not. */
public enum Severity {
    ERROR,
    WARNING,
    INFO
}
