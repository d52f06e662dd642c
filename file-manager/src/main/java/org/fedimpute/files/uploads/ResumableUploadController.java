package org.fedimpute.files.uploads;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.fedimpute.files.records.Caller;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tus 1.0 endpoint for resumable uploads: {@code POST /api/v1/files/uploads} creates an upload, and
 * {@code HEAD}, {@code PATCH} and {@code DELETE} on the {@code Location} it answers resume, continue and abandon it.
 * Every method is listed, since Spring would otherwise answer {@code OPTIONS} itself.
 */
@RestController
class ResumableUploadController {

    private final ResumableUploads uploads;

    ResumableUploadController(ResumableUploads uploads) {
        this.uploads = uploads;
    }

    @RequestMapping(
            path = {ResumableUploads.UPLOADS_PATH, ResumableUploads.UPLOADS_PATH + "/{uploadId}"},
            method = {
                RequestMethod.OPTIONS,
                RequestMethod.HEAD,
                RequestMethod.POST,
                RequestMethod.PATCH,
                RequestMethod.DELETE
            })
    void tus(
            @PathVariable(required = false) String uploadId,
            HttpServletRequest request,
            HttpServletResponse response,
            Authentication authentication)
            throws IOException {
        uploads.handle(request, response, uploadId, Caller.of(authentication));
    }
}
