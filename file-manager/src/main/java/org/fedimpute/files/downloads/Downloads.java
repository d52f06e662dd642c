package org.fedimpute.files.downloads;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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

    private final FileStorage storage;

    Downloads(FileStorage storage) {
        this.storage = storage;
    }

    /**
     * Answers with the file, or with the part of it the {@code Range} header asks for.
     *
     * @param ifRange the {@code If-Range} header: a range is served only while the file still has this entity tag
     * @param withBody {@code false} to answer a {@code HEAD} with the headers only
     */
    void send(StoredContent file, String range, String ifRange, boolean withBody, HttpServletResponse response)
            throws IOException {
        String etag = "\"" + file.sha256() + "\"";
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setDateHeader(HttpHeaders.LAST_MODIFIED, file.storedAt().toEpochMilli());
        Optional<ByteRange> requested;
        try {
            requested = ifRange == null || ifRange.strip().equals(etag)
                    ? ByteRange.of(range, file.sizeBytes())
                    : Optional.empty();
        } catch (ByteRange.Unsatisfiable e) {
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + file.sizeBytes());
            throw unsatisfiable();
        }
        response.setContentType(file.contentType());
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename(file.fileName(), StandardCharsets.UTF_8)
                        .build()
                        .toString());
        long offset = 0;
        long length = file.sizeBytes();
        if (requested.isPresent()) {
            response.setStatus(HttpStatus.PARTIAL_CONTENT.value());
            response.setHeader(HttpHeaders.CONTENT_RANGE, requested.get().contentRange(file.sizeBytes()));
            offset = requested.get().first();
            length = requested.get().length();
        }
        response.setContentLengthLong(length);
        if (withBody) {
            copy(file, offset, length, response);
        }
    }

    private void copy(StoredContent file, long offset, long length, HttpServletResponse response) throws IOException {
        response.setBufferSize(BUFFER_BYTES);
        try (InputStream content = storage.read(file.storageKey(), offset, length)) {
            OutputStream body = response.getOutputStream();
            content.transferTo(body);
            body.flush();
        } catch (IOException e) {
            if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
                log.debug("The client went away while downloading file {}", file.id());
                return;
            }
            throw e;
        }
    }

    private static ErrorResponseException unsatisfiable() {
        return Problems.error(
                HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "The requested range lies beyond the end of the file.");
    }
}
