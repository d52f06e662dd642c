package org.fedimpute.files.uploads;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import org.fedimpute.files.records.Caller;
import org.fedimpute.files.records.FileResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Researchers upload a file in one multipart request: the fields {@code kind}, {@code jobId}, {@code service} and
 * {@code declaredBuild} (all optional) first, then the part {@code file}. Large files go through the resumable
 * upload instead.
 */
@RestController
class PlainUploadController {

    private final PlainUploads uploads;

    PlainUploadController(PlainUploads uploads) {
        this.uploads = uploads;
    }

    @PostMapping(path = "/api/v1/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<FileResponse> upload(HttpServletRequest request, Authentication authentication) throws IOException {
        FileResponse stored = uploads.receive(request, Caller.of(authentication));
        return ResponseEntity.created(URI.create("/api/v1/files/" + stored.id()))
                .body(stored);
    }
}
