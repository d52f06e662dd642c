package org.fedimpute.jobs.submission;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.fedimpute.jobs.lifecycle.Caller;
import org.fedimpute.jobs.lifecycle.JobView;
import org.fedimpute.jobs.peers.FileManager;
import org.fedimpute.jobs.peers.StoredFile;
import org.fedimpute.platform.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A submission that carries its files: a multipart request whose {@code job} part (the submission's JSON, without
 * {@code fileIds}) comes first and is checked before any byte is stored, followed by one or more {@code file} parts,
 * each streamed on to file-manager on the researcher's behalf as it arrives. The job then waits, PENDING, for
 * file-manager to validate the files.
 */
@Component
class UploadedSubmission {

    static final String JOB_PART = "job";
    static final String FILE_PART = "file";

    private static final int JOB_PART_MAX_BYTES = 16 * 1024;
    private static final Logger log = LoggerFactory.getLogger(UploadedSubmission.class);

    private final JobSubmission submission;
    private final FileManager files;
    private final JsonMapper json;
    private final Validator validator;

    UploadedSubmission(JobSubmission submission, FileManager files, JsonMapper json, Validator validator) {
        this.submission = submission;
        this.files = files;
        this.json = json;
        this.validator = validator;
    }

    /**
     * Receives the submission and queues its job. A submission refused after some of its files were stored (a later
     * file refused, the upload cut off, the quota filled meanwhile) removes them again; a failure to store the job
     * whose outcome is unknown (a commit cut off, say) keeps them, as the job may have been stored with them.
     */
    JobView submit(Caller caller, String accessToken, HttpServletRequest request) throws IOException {
        List<StoredFile> stored = new ArrayList<>();
        JobSubmission.Checked configuration;
        try {
            configuration = receive(caller, accessToken, request, stored);
        } catch (RuntimeException | IOException refused) {
            discard(accessToken, stored);
            throw refused;
        }
        try {
            return submission.acceptUploaded(
                    caller,
                    configuration,
                    stored.stream().map(StoredFile::id).toList(),
                    stored.stream().map(StoredFile::sizeBytes).toList());
        } catch (ErrorResponseException refused) {
            discard(accessToken, stored);
            throw refused;
        }
    }

    /** Reads the settings and streams each file on to file-manager, noting each stored file as it goes. */
    private JobSubmission.Checked receive(
            Caller caller, String accessToken, HttpServletRequest request, List<StoredFile> stored) throws IOException {
        JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> upload = new JakartaServletFileUpload<>();
        upload.setHeaderCharset(StandardCharsets.UTF_8);
        JobSubmission.Checked configuration = null;
        try {
            FileItemInputIterator parts = upload.getItemIterator(request);
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if (part.isFormField() && JOB_PART.equals(part.getFieldName()) && configuration == null) {
                    configuration = submission.checkConfiguration(caller, job(part), 1);
                } else if (!part.isFormField() && FILE_PART.equals(part.getFieldName())) {
                    if (configuration == null) {
                        throw Problems.invalidField(JOB_PART, "must come before the files");
                    }
                    stored.add(store(accessToken, configuration, part));
                } else {
                    throw Problems.invalidField(
                            String.valueOf(part.getFieldName()), "is not a part of a job submission");
                }
            }
        } catch (FileUploadException malformed) {
            throw Problems.error(HttpStatus.BAD_REQUEST, "The request is not a well-formed multipart submission.");
        }
        if (configuration == null) {
            throw Problems.invalidField(JOB_PART, "is missing: send the job's settings as the part 'job'");
        }
        if (stored.isEmpty()) {
            throw Problems.invalidField(FILE_PART, "is missing: send each genotype file as a part 'file'");
        }
        return configuration;
    }

    private void discard(String accessToken, List<StoredFile> stored) {
        for (StoredFile file : stored) {
            UUID fileId = file.id();
            try {
                files.deleteAsUser(accessToken, fileId);
            } catch (RuntimeException e) {
                log.warn(
                        "Could not remove file {} of a refused submission; retention will: {}", fileId, e.getMessage());
            }
        }
    }

    private SubmitJobRequest job(FileItemInput part) throws IOException {
        byte[] body = part.getInputStream().readNBytes(JOB_PART_MAX_BYTES + 1);
        if (body.length > JOB_PART_MAX_BYTES) {
            throw Problems.invalidField(JOB_PART, "is too long");
        }
        SubmitJobRequest request;
        try {
            request = json.readValue(body, SubmitJobRequest.class);
        } catch (JacksonException e) {
            throw Problems.invalidField(JOB_PART, "is not a job submission in JSON");
        }
        if (request == null) {
            // The JSON literal null parses, to nothing.
            throw Problems.invalidField(JOB_PART, "is not a job submission in JSON");
        }
        // The files come as parts, so fileIds is the one field a multipart submission leaves out.
        validator.validate(request).stream()
                .filter(violation -> !violation.getPropertyPath().toString().startsWith("fileIds"))
                .min(Comparator.comparing(
                        violation -> violation.getPropertyPath().toString()))
                .ifPresent(UploadedSubmission::refuse);
        return request;
    }

    private static void refuse(ConstraintViolation<SubmitJobRequest> violation) {
        throw Problems.invalidField(violation.getPropertyPath().toString(), violation.getMessage());
    }

    private StoredFile store(String accessToken, JobSubmission.Checked configuration, FileItemInput part)
            throws IOException {
        try (InputStream content = part.getInputStream()) {
            return files.uploadInput(
                    accessToken,
                    part.getName(),
                    configuration.service().slug(),
                    configuration.request().build(),
                    content);
        }
    }
}
