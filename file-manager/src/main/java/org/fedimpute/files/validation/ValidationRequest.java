package org.fedimpute.files.validation;

/**
 * What the validator needs to know beyond the file's bytes.
 *
 * @param declaredBuild the build the researcher says the data is on, or {@code null} if not (yet) declared
 * @param originalFileName the name the researcher uploaded the file under, used in messages and fix commands; the
 *     stored file's name when {@code null}
 */
public record ValidationRequest(GenomeBuild declaredBuild, String originalFileName) {}
