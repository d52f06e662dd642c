package org.fedimpute.files.uploads;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fedimpute.files.records.FileKind;
import org.fedimpute.files.records.NewFile;
import org.fedimpute.files.uploads.FileNames.NamedFile;
import org.fedimpute.files.validation.GenomeBuild;
import org.fedimpute.platform.web.Problems;

/**
 * What a user says about a file they upload, besides its name: form fields of a plain upload, or tus
 * {@code Upload-Metadata} entries of a resumable one.
 *
 * @param kind {@code INPUT} (the default) or {@code TEMP}; results come from job-processor only
 * @param jobId the job the file is for, if the user names one
 * @param service the slug of the imputation service the file is meant for, whose own size limit then applies
 * @param declaredBuild the genome build the user says the data is on, such as {@code GRCh38}
 */
record UploadRequest(FileKind kind, UUID jobId, String service, String declaredBuild) {

    static final Set<String> FIELDS = Set.of("kind", "jobId", "service", "declaredBuild");

    /** Reads and checks the fields; a blank field counts as absent. */
    static UploadRequest of(Map<String, String> fields) {
        FileKind kind = kindOf(present(fields.get("kind")));
        String jobId = present(fields.get("jobId"));
        String build = present(fields.get("declaredBuild"));
        if (build != null) {
            try {
                GenomeBuild.fromName(build);
            } catch (IllegalArgumentException e) {
                throw Problems.invalidField("declaredBuild", e.getMessage());
            }
        }
        return new UploadRequest(
                kind, jobId == null ? null : uuid("jobId", jobId), present(fields.get("service")), build);
    }

    NewFile newFile(UUID ownerId, NamedFile name, String uploadId, Duration lifetime) {
        return new NewFile(
                ownerId,
                jobId,
                kind,
                name.name(),
                name.format().contentType(),
                kind == FileKind.INPUT && name.format().genotypeData(),
                service,
                declaredBuild,
                uploadId,
                lifetime);
    }

    static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw Problems.invalidField(field, "must be a UUID");
        }
    }

    private static FileKind kindOf(String value) {
        if (value == null) {
            return FileKind.INPUT;
        }
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "INPUT" -> FileKind.INPUT;
            case "TEMP" -> FileKind.TEMP;
            default ->
                throw Problems.invalidField("kind", "must be INPUT or TEMP; results come from the job processor");
        };
    }

    private static String present(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
