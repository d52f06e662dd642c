package org.fedimpute.files.validation;

import java.nio.file.Path;
import java.util.Objects;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Validates a genotype file in one streaming pass, in memory independent of the file's size, and reports what is
 * wrong with it and how to fix it, so that researchers learn of a problem on upload rather than hours into a job.
 * Thread-safe; for large files prefer {@link ValidationRunner}, which bounds how many run at once.
 */
@Component
@EnableConfigurationProperties(ValidationProperties.class)
public class GenotypeValidator {

    private final ValidationProperties properties;

    public GenotypeValidator(ValidationProperties properties) {
        this.properties = properties;
    }

    /**
     * Validates the stored file. Every problem of the file's content, down to a file that is empty, truncated or no
     * VCF at all, is a finding in the report.
     *
     * @param request the declared build and the name the researcher knows the file by; may be {@code null}
     * @throws java.io.UncheckedIOException if the file itself cannot be read (missing, unreadable, I/O error)
     */
    public ValidationReport validate(Path file, ValidationRequest request) {
        Objects.requireNonNull(file, "file");
        ValidationRequest effective = request != null ? request : new ValidationRequest(null, null);
        return new FileValidation(file, effective, properties).run();
    }
}
