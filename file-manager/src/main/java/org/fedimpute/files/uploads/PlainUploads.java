package org.fedimpute.files.uploads;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.fedimpute.files.records.Caller;
import org.fedimpute.files.records.FileResponse;
import org.fedimpute.files.retention.RetentionProperties;
import org.fedimpute.files.uploads.FileIntake.Reception;
import org.fedimpute.files.uploads.FileNames.NamedFile;
import org.fedimpute.platform.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Reads a plain multipart upload as a stream, part by part, without buffering the file in memory or on disk first:
 * the form fields ({@code kind}, {@code jobId}, {@code service}, {@code declaredBuild}) come first, so the allowance
 * is known before the file part streams straight into storage.
 */
@Component
class PlainUploads {

    static final String FILE_PART = "file";

    /** What a multipart request may carry besides the file (boundaries, part headers, the fields) before the check. */
    private static final long ENVELOPE_BYTES = 64 * 1024;

    private static final int FIELD_MAX_BYTES = 256;

    private final FileIntake intake;
    private final UploadLimits limits;
    private final RetentionProperties retention;

    PlainUploads(FileIntake intake, UploadLimits limits, RetentionProperties retention) {
        this.intake = intake;
        this.limits = limits;
        this.retention = retention;
    }

    FileResponse receive(HttpServletRequest request, Caller caller) throws IOException {
        UUID owner = caller.requireUser();
        JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> upload = new JakartaServletFileUpload<>();
        upload.setHeaderCharset(StandardCharsets.UTF_8);
        Map<String, String> fields = new HashMap<>();
        try {
            FileItemInputIterator parts = upload.getItemIterator(request);
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if (part.isFormField()) {
                    fields.put(fieldName(part), fieldValue(part));
                } else if (FILE_PART.equals(part.getFieldName())) {
                    return receiveFile(part, parts, UploadRequest.of(fields), owner, caller, request);
                } else {
                    throw Problems.invalidField(String.valueOf(part.getFieldName()), "is not a part of an upload");
                }
            }
        } catch (FileUploadException malformed) {
            throw Problems.error(HttpStatus.BAD_REQUEST, "The request is not a well-formed multipart upload.");
        }
        throw Problems.invalidField(FILE_PART, "is missing: send the file as the multipart part 'file'");
    }

    private FileResponse receiveFile(
            FileItemInput part,
            FileItemInputIterator parts,
            UploadRequest fields,
            UUID owner,
            Caller caller,
            HttpServletRequest request)
            throws IOException {
        NamedFile name = FileNames.check(part.getName(), fields.kind(), FILE_PART);
        UploadAllowance allowance = limits.plain(caller, fields.service());
        allowance.checkRoomLeft();
        if (request.getContentLengthLong() > ENVELOPE_BYTES) {
            allowance.checkDeclared(request.getContentLengthLong() - ENVELOPE_BYTES);
        }
        try (Reception reception =
                intake.open(fields.newFile(owner, name, null, retention.lifetimeOf(fields.kind())), FILE_PART)) {
            reception.receive(part.getInputStream(), allowance);
            if (parts.hasNext()) {
                FileItemInput next = parts.next();
                throw next.isFormField()
                        ? Problems.invalidField(next.getFieldName(), "must come before the file part")
                        : Problems.invalidField(FILE_PART, "only one file can be sent per upload");
            }
            return reception.complete(allowance.quotaBytes());
        }
    }

    private static String fieldName(FileItemInput part) {
        String name = part.getFieldName();
        if (!UploadRequest.FIELDS.contains(name)) {
            throw Problems.invalidField(String.valueOf(name), "is not a field of an upload");
        }
        return name;
    }

    private static String fieldValue(FileItemInput part) throws IOException {
        byte[] value = part.getInputStream().readNBytes(FIELD_MAX_BYTES + 1);
        if (value.length > FIELD_MAX_BYTES) {
            throw Problems.invalidField(part.getFieldName(), "is too long");
        }
        return new String(value, StandardCharsets.UTF_8);
    }
}
