package org.fedimpute.files.uploads;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import me.desair.tus.server.HttpHeader;
import me.desair.tus.server.HttpMethod;
import me.desair.tus.server.TusFileUploadService;
import me.desair.tus.server.exception.TusException;
import me.desair.tus.server.upload.UploadInfo;
import org.fedimpute.files.records.Caller;
import org.fedimpute.files.records.FileRecords;
import org.fedimpute.files.records.FileResponse;
import org.fedimpute.files.retention.RetentionProperties;
import org.fedimpute.files.uploads.FileIntake.Reception;
import org.fedimpute.files.uploads.FileNames.NamedFile;
import org.fedimpute.platform.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Resumable uploads over tus 1.0, with the tus-java-server library speaking the protocol and keeping the parts in its
 * own directory. Each upload belongs to the user who created it (another user's upload is not found). Its name,
 * kind, size and quota are checked when it is created; once its last byte has arrived it streams into storage like
 * any other upload, becomes a file, and the tus copy is deleted. Asked about afterwards, the upload answers as
 * complete and names its file, so a client that missed the final answer loses nothing.
 *
 * <p>{@code Upload-Metadata} carries {@code filename} (required) and the plain upload's optional fields {@code kind},
 * {@code jobId}, {@code service} and {@code declaredBuild}.
 */
@Component
class ResumableUploads {

    static final String UPLOADS_PATH = "/api/v1/files/uploads";

    private static final Logger log = LoggerFactory.getLogger(ResumableUploads.class);
    private static final String FILENAME = "filename";
    private static final String METHOD_OVERRIDE = "X-HTTP-Method-Override";

    private final TusFileUploadService tus;
    private final FileIntake intake;
    private final UploadLimits limits;
    private final FileRecords records;
    private final RetentionProperties retention;
    private final Duration finishStaleAfter;

    ResumableUploads(
            UploadProperties properties,
            FileIntake intake,
            UploadLimits limits,
            FileRecords records,
            RetentionProperties retention) {
        this.tus = new TusFileUploadService()
                .withStoragePath(properties.tusDirectory().toString())
                .withUploadUri(UPLOADS_PATH)
                .withMaxUploadSize(limits.largestResumable())
                .withUploadExpirationPeriod(properties.tusExpiry().toMillis())
                .disableTusExtension("concatenation");
        this.finishStaleAfter = properties.finishStaleAfter();
        this.intake = intake;
        this.limits = limits;
        this.records = records;
        this.retention = retention;
    }

    /**
     * Serves one tus request of the caller's.
     *
     * @param uploadId the upload the request is about, or {@code null} for a creation or an {@code OPTIONS}
     */
    void handle(HttpServletRequest request, HttpServletResponse response, String uploadId, Caller caller)
            throws IOException {
        String owner = caller.requireUser().toString();
        // tus lets a client that cannot send PATCH or DELETE say so on a POST; on any other method the override would
        // turn a request an API key's read scope allows (HEAD, OPTIONS) into one that writes.
        if (request.getHeader(METHOD_OVERRIDE) != null && !"POST".equals(request.getMethod())) {
            throw Problems.invalidField(METHOD_OVERRIDE, "is honoured on a POST only");
        }
        HttpMethod method = HttpMethod.getMethodIfSupported(request, tus.getSupportedHttpMethods());
        if (method == HttpMethod.POST) {
            checkCreation(request, caller);
        } else if (method == HttpMethod.PATCH && request.getContentLengthLong() < 0) {
            throw Problems.error(HttpStatus.LENGTH_REQUIRED, "A PATCH must say its Content-Length.");
        } else if (method == HttpMethod.HEAD && answeredAsFinished(uploadId, request, response, caller)) {
            return;
        }
        try {
            tus.process(request, response, owner);
        } catch (IOException e) {
            if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
                log.info("Upload {} was interrupted; its client can resume it", uploadId);
                return;
            }
            throw e;
        }
        if (response.isCommitted()) {
            return;
        }
        try {
            // The library answers every request it serves with 201 or 204, and leaves a plain 200 only when another
            // request holds the upload's lock, such as an interrupted PATCH the server has not finished reading.
            if (response.getStatus() == HttpServletResponse.SC_OK) {
                throw Problems.error(HttpStatus.LOCKED, "Another request is busy with this upload; try again shortly.");
            }
            if ((method == HttpMethod.PATCH || method == HttpMethod.HEAD) && response.getStatus() < 300) {
                finishIfComplete(request.getRequestURI(), response, caller);
            }
        } catch (IOException | RuntimeException e) {
            // The library announced an empty body; the problem that answers instead has one.
            response.setContentLengthLong(-1);
            throw e;
        }
    }

    /** Deletes unfinished uploads that have been idle longer than {@code fedimpute.files.uploads.tus-expiry}. */
    void cleanUp() {
        try {
            tus.cleanup();
        } catch (NoSuchFileException nothingUploadedYet) {
            log.debug("No resumable upload has been made yet");
        } catch (IOException e) {
            log.warn("Could not clean up expired resumable uploads", e);
        }
    }

    private void checkCreation(HttpServletRequest request, Caller caller) {
        if ("1".equals(request.getHeader(HttpHeader.UPLOAD_DEFER_LENGTH))) {
            throw Problems.invalidField(HttpHeader.UPLOAD_LENGTH, "is required: the size must be known up front");
        }
        long length = uploadLength(request);
        Metadata metadata = Metadata.of(request.getHeader(HttpHeader.UPLOAD_METADATA));
        limits.resumable(caller, metadata.request().service()).checkDeclared(length);
    }

    private static long uploadLength(HttpServletRequest request) {
        String header = request.getHeader(HttpHeader.UPLOAD_LENGTH);
        long length;
        try {
            length = header == null ? -1 : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length < 0) {
            throw Problems.invalidField(HttpHeader.UPLOAD_LENGTH, "is required: the file's size in bytes");
        }
        if (length == 0) {
            throw Problems.invalidField(HttpHeader.UPLOAD_LENGTH, "is zero: there is nothing to store");
        }
        return length;
    }

    /** Answers a HEAD about an upload that already became a file, whose tus copy is gone. */
    private boolean answeredAsFinished(
            String uploadId, HttpServletRequest request, HttpServletResponse response, Caller caller)
            throws IOException {
        if (!isUuid(uploadId) || uploadInfo(request.getRequestURI(), caller).isPresent()) {
            return false;
        }
        Optional<FileResponse> file = records.fromUpload(uploadId, caller.userId());
        file.ifPresent(finished -> {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            response.setHeader(HttpHeader.TUS_RESUMABLE, TusFileUploadService.TUS_API_VERSION);
            response.setHeader(HttpHeader.UPLOAD_LENGTH, Long.toString(finished.sizeBytes()));
            response.setHeader(HttpHeader.UPLOAD_OFFSET, Long.toString(finished.sizeBytes()));
            response.setHeader(HttpHeader.CACHE_CONTROL, "no-store");
            response.setHeader(HttpHeaders.CONTENT_LOCATION, filePath(finished));
        });
        return file.isPresent();
    }

    private void finishIfComplete(String uploadUri, HttpServletResponse response, Caller caller) throws IOException {
        Optional<UploadInfo> upload = uploadInfo(uploadUri, caller);
        if (upload.isEmpty() || upload.get().isUploadInProgress()) {
            return;
        }
        UploadInfo info = upload.get();
        Optional<FileResponse> finishedEarlier = records.fromUpload(info.getId().toString(), caller.userId());
        if (finishedEarlier.isPresent()) {
            // An earlier request stored the file and stopped before it removed the tus copy.
            terminate(uploadUri, caller);
            response.setHeader(HttpHeaders.CONTENT_LOCATION, filePath(finishedEarlier.get()));
            return;
        }
        Metadata metadata = Metadata.of(info.getMetadata());
        UploadAllowance allowance = limits.quotaFor(caller, info.getLength());
        FileResponse stored;
        try (Reception reception = open(metadata, info, caller)) {
            try (InputStream content =
                    tus.getUploadedBytes(uploadUri, caller.userId().toString())) {
                reception.receive(content, allowance);
            }
            stored = reception.complete(allowance.quotaBytes());
        } catch (ErrorResponseException refused) {
            if (refused.getStatusCode().is4xxClientError()
                    && refused.getStatusCode().value() != HttpStatus.CONFLICT.value()) {
                terminate(uploadUri, caller);
            }
            throw refused;
        } catch (TusException e) {
            throw new IOException("The tus library could not hand over upload " + info.getId(), e);
        }
        terminate(uploadUri, caller);
        response.setHeader(HttpHeaders.CONTENT_LOCATION, filePath(stored));
    }

    /**
     * Opens the file the completed upload becomes. Another request storing it already answers 409, unless it has made
     * no progress for {@code finish-stale-after}: then it died, and this request takes the upload over.
     */
    private Reception open(Metadata metadata, UploadInfo info, Caller caller) {
        String uploadId = info.getId().toString();
        try {
            return openFile(metadata, uploadId, caller);
        } catch (DataIntegrityViolationException alreadyFinishing) {
            if (records.releaseStaleFinish(uploadId, caller.userId(), finishStaleAfter)) {
                log.warn("Upload {} was left half stored by a request that stopped; storing it again", uploadId);
                try {
                    return openFile(metadata, uploadId, caller);
                } catch (DataIntegrityViolationException takenMeanwhile) {
                    throw alreadyBeingCompleted();
                }
            }
            throw alreadyBeingCompleted();
        }
    }

    private static ErrorResponseException alreadyBeingCompleted() {
        return Problems.error(
                HttpStatus.CONFLICT, "Another request is completing this upload; ask for its state again shortly.");
    }

    private Reception openFile(Metadata metadata, String uploadId, Caller caller) {
        return intake.open(
                metadata.request()
                        .newFile(
                                caller.userId(),
                                metadata.name(),
                                uploadId,
                                retention.lifetimeOf(metadata.request().kind())),
                FILENAME);
    }

    private Optional<UploadInfo> uploadInfo(String uploadUri, Caller caller) throws IOException {
        try {
            return Optional.ofNullable(
                    tus.getUploadInfo(uploadUri, caller.userId().toString()));
        } catch (TusException e) {
            return Optional.empty();
        }
    }

    private void terminate(String uploadUri, Caller caller) {
        try {
            tus.deleteUpload(uploadUri, caller.userId().toString());
        } catch (IOException | TusException e) {
            log.warn("Could not delete the tus copy of {}; the tus clean-up will", uploadUri, e);
        }
    }

    private static String filePath(FileResponse file) {
        return "/api/v1/files/" + file.id();
    }

    private static boolean isUuid(String value) {
        if (value == null) {
            return false;
        }
        try {
            UUID.fromString(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The checked name and fields an upload's {@code Upload-Metadata} carries. */
    private record Metadata(NamedFile name, UploadRequest request) {

        static Metadata of(String encoded) {
            UploadInfo parsed = new UploadInfo();
            parsed.setEncodedMetadata(encoded);
            return of(parsed.getMetadata());
        }

        static Metadata of(Map<String, String> entries) {
            UploadRequest request = UploadRequest.of(entries);
            return new Metadata(FileNames.check(entries.get(FILENAME), request.kind(), FILENAME), request);
        }
    }
}
