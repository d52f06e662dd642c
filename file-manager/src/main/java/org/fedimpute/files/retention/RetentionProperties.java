package org.fedimpute.files.retention;

import java.time.Duration;
import org.fedimpute.files.records.FileKind;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long files are kept and how retention goes about deleting them.
 *
 * @param inputTtl how long an uploaded input file is kept
 * @param resultTtl how long a job's result file is kept
 * @param tempTtl how long a temporary file is kept
 * @param warnBefore how long before a file's expiry its owner is warned (temporary files are not announced)
 * @param abandonedUploadAfter how long an upload that has not completed may make no progress before it is given up and
 *     its partial content deleted
 * @param enabled whether the sweep runs on its own schedule
 * @param interval how often the sweep runs
 * @param batchSize how many files one step of a sweep handles at a time
 */
@ConfigurationProperties("fedimpute.files.retention")
public record RetentionProperties(
        @DefaultValue("30d") Duration inputTtl,
        @DefaultValue("30d") Duration resultTtl,
        @DefaultValue("1d") Duration tempTtl,
        @DefaultValue("3d") Duration warnBefore,
        @DefaultValue("1d") Duration abandonedUploadAfter,
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1h") Duration interval,
        @DefaultValue("500") int batchSize) {

    /** How long a file of this kind is kept from its upload. */
    public Duration lifetimeOf(FileKind kind) {
        return switch (kind) {
            case INPUT -> inputTtl;
            case RESULT -> resultTtl;
            case TEMP -> tempTtl;
        };
    }
}
