package org.fedimpute.files.validation;

/**
 * One problem found in a genotype file, as the researcher sees it: what is wrong, where, and the command that fixes it.
 *
 * @param severity fixed per code, repeated here so that a reader of the JSON needs no table
 * @param code stable identifier, safe to match on
 * @param message what is wrong, in this file's own terms (names, positions, counts)
 * @param line the 1-based line of the file the finding is about, or {@code null} when it is about the whole file
 * @param fix a concrete way to fix it, usually a command line
 */
public record Finding(Severity severity, FindingCode code, String message, Long line, String fix) {

    static Finding of(FindingCode code, String message, Long line, String fix) {
        return new Finding(code.severity(), code, message, line, fix);
    }
}
