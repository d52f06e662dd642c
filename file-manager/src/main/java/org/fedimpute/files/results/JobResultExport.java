package org.fedimpute.files.results;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.fedimpute.files.records.StoredContent;
import org.fedimpute.files.storage.FileStorage;
import org.fedimpute.platform.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Writes a job's results out: a CSV listing (name, size, checksums, time, download path), or a zip of their content
 * streamed entry by entry from storage, with no temporary file and in constant memory.
 */
@Component
class JobResultExport {

    private static final Logger log = LoggerFactory.getLogger(JobResultExport.class);

    static final String CSV_HEADER = "name,size_bytes,sha256,md5,created_at,download_path";

    private static final int BUFFER_BYTES = 256 * 1024;

    private final FileStorage storage;

    JobResultExport(FileStorage storage) {
        this.storage = storage;
    }

    void writeCsv(List<StoredContent> results, OutputStream out) throws IOException {
        Writer csv = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        csv.write(CSV_HEADER + "\r\n");
        for (StoredContent file : results) {
            csv.write(String.join(
                            ",",
                            csvField(file.fileName()),
                            Long.toString(file.sizeBytes()),
                            file.sha256(),
                            file.md5(),
                            file.storedAt().toString(),
                            "/api/v1/files/" + file.id() + "/content")
                    + "\r\n");
        }
        csv.flush();
    }

    /**
     * Zips the results in listing order. Text compresses; data that is compressed already (gzip, zip, BCF) is stored
     * at level 0, which costs no time. Two results with one name become {@code name}, {@code name (2)}, ... Each
     * result's content is opened before its entry is written; one gone from storage since it was listed (deleted
     * meanwhile) fails the export as not found while nothing has been sent yet, and cuts the zip off after that.
     */
    void writeZip(List<StoredContent> results, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(out, BUFFER_BYTES));
        Set<String> names = new HashSet<>();
        for (StoredContent file : results) {
            try (InputStream content = open(file)) {
                ZipEntry entry = new ZipEntry(uniqueName(file.fileName(), names));
                entry.setTime(file.storedAt().toEpochMilli());
                zip.setLevel(compressible(file) ? Deflater.DEFAULT_COMPRESSION : Deflater.NO_COMPRESSION);
                zip.putNextEntry(entry);
                content.transferTo(zip);
            }
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }

    private InputStream open(StoredContent file) throws IOException {
        try {
            return storage.read(file.storageKey(), 0, -1);
        } catch (NoSuchFileException e) {
            log.warn("The content of result {} is not in storage (deleted meanwhile, or lost)", file.id());
            throw Problems.error(
                    HttpStatus.NOT_FOUND, "The result '" + file.fileName() + "' of this job is no longer stored.");
        }
    }

    /** A CSV field, quoted where needed, and kept from being read as a formula by spreadsheets. */
    static String csvField(String value) {
        String safe = value.isEmpty() || "=+-@\t\r".indexOf(value.charAt(0)) < 0 ? value : "'" + value;
        if (safe.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    private static boolean compressible(StoredContent file) {
        return file.contentType().startsWith("text/") || file.contentType().equals("application/json");
    }

    private static String uniqueName(String name, Set<String> taken) {
        String candidate = name;
        for (int copy = 2; !taken.add(candidate); copy++) {
            int dot = name.indexOf('.');
            candidate = dot > 0
                    ? name.substring(0, dot) + " (" + copy + ")" + name.substring(dot)
                    : name + " (" + copy + ")";
        }
        return candidate;
    }
}
