package org.fedimpute.files.downloads;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;
import org.fedimpute.files.records.StoredContent;
import org.fedimpute.files.storage.FileStorage;
import org.fedimpute.platform.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Streams a stored file to the client, whole or one byte range of it, with its checksum as the entity tag, so an
 * interrupted download resumes where it stopped and never mixes two versions.
 */
@Component
class Downloads {

    private static final Logger log = LoggerFactory.getLogger(Downloads.class);
    private static final int BUFFER_BYTES = 256 * 1024;
    /** Headers {@link #setHeaders} sets that a problem answer must not carry (a null value removes one). */
    private static final List<String> FILE_HEADERS =
            List.of(HttpHeaders.ACCEPT_RANGES, HttpHeaders.ETAG, HttpHeaders.LAST_MODIFIED, HttpHeaders.CONTENT_RANGE);

    private final FileStorage storage;

    Downloads(FileStorage storage) {
        this.storage = storage;
    }

    /**
     * Answers with the file, or with the part of it the {@code Range} header asks for. The content is opened before
     * anything of the answer is set, so that a {@code GET} of content gone from storage is a plain 404 (a {@code HEAD}
     * answers from the record alone); a failure while it streams,
     * before the answer is committed, takes back the download's headers, so that the problem answering it is not
     * mistaken for the file.
     *
     * @param ifRange the {@code If-Range} header: a range is served only while the file still has this entity tag
     * @param withBody {@code false} to answer a {@code HEAD} with the headers only
     */
    void send(StoredContent file, String range, String ifRange, boolean withBody, HttpServletResponse response)
            throws IOException {
        String etag = "\"" + file.sha256() + "\"";
        Optional<ByteRange> requested;
        try {
            requested = ifRange == null || ifRange.strip().equals(etag)
                    ? ByteRange.of(range, file.sizeBytes())
                    : Optional.empty();
        } catch (ByteRange.Unsatisfiable e) {
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + file.sizeBytes());
            throw unsatisfiable();
        }
        long offset = requested.map(ByteRange::first).orElse(0L);
        long length = requested.map(ByteRange::length).orElse(file.sizeBytes());
        if (!withBody) {
            setHeaders(file, etag, requested, length, response);
            return;
        }
        try (InputStream content = open(file, offset, length)) {
            setHeaders(file, etag, requested, length, response);
            copy(file, content, response);
        }
    }

    private InputStream open(StoredContent file, long offset, long length) throws IOException {
        try {
            return storage.read(file.storageKey(), offset, length);
        } catch (NoSuchFileException e) {
            log.warn("The content of file {} is not in storage (deleted meanwhile, or lost)", file.id());
            throw Problems.error(HttpStatus.NOT_FOUND, "No such file.");
        }
    }

    private static void setHeaders(
            StoredContent file, String etag, Optional<ByteRange> requested, long length, HttpServletResponse response) {
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setDateHeader(HttpHeaders.LAST_MODIFIED, file.storedAt().toEpochMilli());
        response.setContentType(file.contentType());
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename(file.fileName(), StandardCharsets.UTF_8)
                        .build()
                        .toString());
        if (requested.isPresent()) {
            response.setStatus(HttpStatus.PARTIAL_CONTENT.value());
            response.setHeader(HttpHeaders.CONTENT_RANGE, requested.get().contentRange(file.sizeBytes()));
        }
        response.setContentLengthLong(length);
    }

    private void copy(StoredContent file, InputStream content, HttpServletResponse response) throws IOException {
        response.setBufferSize(BUFFER_BYTES);
        try {
            OutputStream body = response.getOutputStream();
            content.transferTo(body);
            body.flush();
        } catch (IOException e) {
            if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
                log.debug("The client went away while downloading file {}", file.id());
                return;
            }
            takeBack(response);
            throw e;
        } catch (RuntimeException e) {
            takeBack(response);
            throw e;
        }
    }

    /**
     * Takes back the headers that describe the file from an answer not yet committed, so that the problem answering a
     * failure is not read as (part of) the file; Spring MVC drops the content type, {@code Content-Disposition} and
     * any buffered bytes itself before it handles the exception. A committed answer cannot be taken back.
     */
    private static void takeBack(HttpServletResponse response) {
        if (response.isCommitted()) {
            return;
        }
        response.setContentLengthLong(-1);
        for (String header : FILE_HEADERS) {
            response.setHeader(header, null);
        }
    }

    private static ErrorResponseException unsatisfiable() {
        return Problems.error(
                HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "The requested range lies beyond the end of the file.");
    }
}
