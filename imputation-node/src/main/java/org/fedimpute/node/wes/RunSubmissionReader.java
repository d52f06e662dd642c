package org.fedimpute.node.wes;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.fedimpute.node.runs.RunProperties;
import org.fedimpute.node.runs.RunRefused;
import org.fedimpute.node.runs.RunRequest;
import org.fedimpute.node.runs.RunWorkspace;
import org.fedimpute.node.runs.Runs;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@code POST /runs} multipart/form-data request as it arrives: the fields, and each
 * {@code workflow_attachment} streamed straight to the run's input directory. The fields are checked as soon as the
 * first attachment begins, when a client sends them first (as the platform's does), so a wrong request is refused
 * before its files are stored.
 */
@Component
class RunSubmissionReader {

    static final String ATTACHMENT = "workflow_attachment";

    private static final Set<String> FIELDS = Set.of(
            "workflow_params",
            "workflow_type",
            "workflow_type_version",
            "workflow_url",
            "workflow_engine",
            "workflow_engine_version",
            "workflow_engine_parameters",
            "tags");
    private static final int FIELD_MAX_BYTES = 64 * 1024;

    private final Runs runs;
    private final RunWorkspace workspace;
    private final RunProperties properties;
    private final JsonMapper json;

    RunSubmissionReader(Runs runs, RunWorkspace workspace, RunProperties properties, JsonMapper json) {
        this.runs = runs;
        this.workspace = workspace;
        this.properties = properties;
        this.json = json;
    }

    /** Reads and submits the run; anything stored of a refused submission is removed again. */
    void submit(UUID runId, String hub, HttpServletRequest request) throws IOException {
        if (!JakartaServletFileUpload.isMultipartContent(request)) {
            throw new RunRefused(
                    "POST /runs takes multipart/form-data, with the genotype files as workflow_attachment" + " parts");
        }
        try {
            Map<String, String> fields = new HashMap<>();
            List<Path> attachments = new ArrayList<>();
            read(runId, request, fields, attachments);
            runs.submit(runId, hub, requestOf(fields), attachments);
        } catch (RuntimeException | IOException e) {
            runs.discard(runId);
            throw e;
        }
    }

    private void read(UUID runId, HttpServletRequest request, Map<String, String> fields, List<Path> attachments)
            throws IOException {
        JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> upload = new JakartaServletFileUpload<>();
        upload.setHeaderCharset(StandardCharsets.UTF_8);
        upload.setMaxSize(properties.maxUploadSize().toBytes());
        try {
            FileItemInputIterator parts = upload.getItemIterator(request);
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                String name = String.valueOf(part.getFieldName());
                if (ATTACHMENT.equals(name)) {
                    if (attachments.isEmpty() && fields.keySet().containsAll(Set.of("workflow_type", "workflow_url"))) {
                        runs.check(requestOf(fields));
                    }
                    attachments.add(store(runId, attachments.size() + 1, part));
                } else if (FIELDS.contains(name)) {
                    fields.put(name, field(name, part));
                }
            }
        } catch (FileUploadSizeException tooLarge) {
            throw new ResponseStatusException(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "The run's attachments are larger than this node takes (" + properties.maxUploadSize() + ")");
        } catch (FileUploadException malformed) {
            throw new RunRefused("The request is not well-formed multipart/form-data");
        }
    }

    private Path store(UUID runId, int position, FileItemInput part) throws IOException {
        Path file = workspace.inputFile(runId, position, part.getName());
        try (InputStream content = part.getInputStream()) {
            Files.copy(content, file);
        }
        return file;
    }

    private static String field(String name, FileItemInput part) throws IOException {
        try (InputStream content = part.getInputStream()) {
            byte[] value = content.readNBytes(FIELD_MAX_BYTES + 1);
            if (value.length > FIELD_MAX_BYTES) {
                throw new RunRefused(name + " is longer than " + FIELD_MAX_BYTES + " bytes");
            }
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    private RunRequest requestOf(Map<String, String> fields) {
        return new RunRequest(
                fields.get("workflow_type"),
                fields.get("workflow_type_version"),
                fields.get("workflow_url"),
                fields.get("workflow_engine"),
                fields.get("workflow_engine_version"),
                jsonObject(fields, "workflow_params"),
                jsonObject(fields, "workflow_engine_parameters"),
                jsonObject(fields, "tags"));
    }

    private JsonNode jsonObject(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        JsonNode node;
        try {
            node = json.readTree(value);
        } catch (JacksonException e) {
            throw new RunRefused(name + " is not valid JSON");
        }
        if (!node.isObject()) {
            throw new RunRefused(name + " must be a JSON object");
        }
        return node;
    }
}
