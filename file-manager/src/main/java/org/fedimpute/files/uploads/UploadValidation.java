package org.fedimpute.files.uploads;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.fedimpute.files.records.FileRecords;
import org.fedimpute.files.storage.FileStorage;
import org.fedimpute.files.uploads.UploadMeters.ValidationOutcome;
import org.fedimpute.files.validation.Finding;
import org.fedimpute.files.validation.FindingCode;
import org.fedimpute.files.validation.GenomeBuild;
import org.fedimpute.files.validation.ValidationProperties;
import org.fedimpute.files.validation.ValidationReport;
import org.fedimpute.files.validation.ValidationRequest;
import org.fedimpute.files.validation.ValidationRunner;
import org.fedimpute.platform.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates genotype data as it is uploaded, so researchers learn what is wrong with a file before they queue a job
 * with it. A file up to {@code inline-bytes} is validated before the upload is answered: content that is no usable
 * genotype data at all (empty, truncated, binary, no VCF, header only) is refused with the report's findings and
 * nothing is kept. A larger file is stored at once and validated in the background. Either way the report is stored
 * on the file, served with it, and announced as {@code file.validated}; job submission refuses an invalid file.
 */
@Component
@ConditionalOnProperty(name = "fedimpute.files.validation.on-upload", havingValue = "true", matchIfMissing = true)
class UploadValidation implements UploadCheck {

    /** Findings that mean the content is not genotype data a job could ever use: the upload is refused. */
    static final Set<FindingCode> NOT_GENOTYPE_DATA = EnumSet.of(
            FindingCode.EMPTY_FILE,
            FindingCode.NOT_A_VCF,
            FindingCode.TRUNCATED,
            FindingCode.CORRUPT_COMPRESSION,
            FindingCode.MALFORMED_HEADER,
            FindingCode.NO_SAMPLES,
            FindingCode.NO_VARIANTS);

    private static final Logger log = LoggerFactory.getLogger(UploadValidation.class);

    private final ValidationRunner runner;
    private final FileStorage storage;
    private final FileRecords records;
    private final JsonMapper json;
    private final long inlineBytes;
    private final UploadMeters meters;

    UploadValidation(
            ValidationRunner runner,
            FileStorage storage,
            FileRecords records,
            JsonMapper json,
            ValidationProperties properties,
            UploadMeters meters) {
        this.runner = runner;
        this.storage = storage;
        this.records = records;
        this.json = json;
        this.inlineBytes = properties.inlineBytes();
        this.meters = meters;
    }

    @Override
    public Runnable check(ReceivedUpload upload) throws IOException {
        if (!upload.genotypeData()) {
            return NOTHING_MORE;
        }
        ValidationRequest request = new ValidationRequest(
                upload.declaredBuild() == null ? null : GenomeBuild.fromName(upload.declaredBuild()),
                upload.fileName());
        if (upload.content().sizeBytes() > inlineBytes) {
            return () -> inBackground(upload.fileId(), upload.storageKey(), request);
        }
        ValidationReport report = withLocalFile(upload.storageKey(), file -> runner.validateNow(file, request));
        refuseUnlessGenotypeData(report);
        return () -> record(upload.fileId(), report);
    }

    private void refuseUnlessGenotypeData(ValidationReport report) {
        List<Finding> fatal = report.findings().stream()
                .filter(finding -> NOT_GENOTYPE_DATA.contains(finding.code()))
                .toList();
        if (fatal.isEmpty()) {
            return;
        }
        meters.validation(ValidationOutcome.REFUSED);
        ErrorResponseException refusal = Problems.error(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "This is not genotype data that can be imputed: "
                        + fatal.getFirst().message());
        refusal.getBody().setProperty("findings", fatal);
        throw refusal;
    }

    /**
     * Validates again what was being validated in the background when the service last stopped: that report lived
     * only in memory, so the file would otherwise stay PENDING for good, and a job submitted with it would wait on it.
     * A validation another instance is still running ends up recorded once (see {@link FileRecords#recordValidation}).
     */
    @EventListener(ApplicationReadyEvent.class)
    void resumeUnfinished() {
        List<FileRecords.UnvalidatedFile> unfinished = records.unvalidated();
        if (!unfinished.isEmpty()) {
            log.info("Validating {} file(s) again whose validation did not finish before a restart", unfinished.size());
        }
        for (FileRecords.UnvalidatedFile file : unfinished) {
            inBackground(
                    file.id(),
                    file.storageKey(),
                    new ValidationRequest(
                            file.declaredBuild() == null ? null : GenomeBuild.fromName(file.declaredBuild()),
                            file.fileName()));
        }
    }

    private void inBackground(UUID fileId, String storageKey, ValidationRequest request) {
        Optional<Path> local = storage.localPath(storageKey);
        if (local.isPresent()) {
            runner.validate(local.get(), request).whenComplete((report, failure) -> finish(fileId, report, failure));
            return;
        }
        // Remote or encrypted content: copy it out to a file off the request thread, validate, remove the copy.
        Thread.ofVirtual().name("validation-copy-" + fileId).start(() -> {
            Path copy;
            try {
                copy = copyOut(storageKey);
            } catch (IOException | RuntimeException e) {
                finish(fileId, null, e);
                return;
            }
            runner.validate(copy, request).whenComplete((report, failure) -> {
                deleteQuietly(copy);
                finish(fileId, report, failure);
            });
        });
    }

    private void finish(UUID fileId, ValidationReport report, Throwable failure) {
        if (failure != null) {
            // The file stays PENDING and job submission keeps refusing it; an operator sees why here, and the next
            // start of the service tries again.
            log.error("Validation of file {} did not finish", fileId, failure);
            meters.validation(ValidationOutcome.UNFINISHED);
            return;
        }
        try {
            record(fileId, report);
        } catch (RuntimeException e) {
            log.info("File {} went away before its validation finished", fileId);
        }
    }

    private void record(UUID fileId, ValidationReport report) {
        meters.validation(ValidationOutcome.valueOf(report.verdict().name()));
        records.recordValidation(
                fileId,
                report.acceptedForSubmission(),
                (int) report.errorCount(),
                (int) report.warningCount(),
                json.writeValueAsString(report));
    }

    private <T> T withLocalFile(String key, Function<Path, T> reader) throws IOException {
        Optional<Path> local = storage.localPath(key);
        if (local.isPresent()) {
            return reader.apply(local.get());
        }
        Path copy = copyOut(key);
        try {
            return reader.apply(copy);
        } finally {
            deleteQuietly(copy);
        }
    }

    private Path copyOut(String key) throws IOException {
        Path copy = Files.createTempFile("fedimpute-validation-", ".part");
        try (InputStream content = storage.read(key, 0, -1)) {
            Files.copy(content, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(copy);
            throw e;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove the validation copy " + file, e);
        }
    }
}
