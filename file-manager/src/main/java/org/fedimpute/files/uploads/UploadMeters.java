package org.fedimpute.files.uploads;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.fedimpute.files.records.FileKind;
import org.springframework.stereotype.Component;

/**
 * Counts uploads by outcome and kind and the validation of uploaded genotype data by outcome, every series registered
 * at start so that dashboards and alerts see zeros rather than gaps.
 */
@Component
class UploadMeters {

    /** How an upload ended. */
    enum UploadOutcome {
        STORED,
        REFUSED
    }

    /** What validation made of an uploaded genotype file; REFUSED is content that is not genotype data at all. */
    enum ValidationOutcome {
        VALID,
        VALID_WITH_WARNINGS,
        INVALID,
        REFUSED,
        UNFINISHED
    }

    private final Map<UploadOutcome, Map<FileKind, Counter>> uploads = new EnumMap<>(UploadOutcome.class);
    private final Map<ValidationOutcome, Counter> validations = new EnumMap<>(ValidationOutcome.class);

    UploadMeters(MeterRegistry meters) {
        for (UploadOutcome outcome : UploadOutcome.values()) {
            Map<FileKind, Counter> byKind = new EnumMap<>(FileKind.class);
            for (FileKind kind : FileKind.values()) {
                byKind.put(
                        kind,
                        Counter.builder("fedimpute.files.uploads")
                                .description("Uploads by outcome and file kind")
                                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                                .tag("kind", kind.name())
                                .register(meters));
            }
            uploads.put(outcome, byKind);
        }
        for (ValidationOutcome outcome : ValidationOutcome.values()) {
            validations.put(
                    outcome,
                    Counter.builder("fedimpute.files.upload.validations")
                            .description("Validations of uploaded genotype files by outcome")
                            .tag("outcome", outcome.name())
                            .register(meters));
        }
    }

    void upload(UploadOutcome outcome, FileKind kind) {
        uploads.get(outcome).get(kind).increment();
    }

    void validation(ValidationOutcome outcome) {
        validations.get(outcome).increment();
    }
}
