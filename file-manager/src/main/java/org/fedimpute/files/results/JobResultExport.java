package org.fedimpute.files.results;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.fedimpute.files.records.StoredContent;
import org.fedimpute.files.storage.FileStorage;
import org.springframework.stereotype.Component;

/**
 * Writes a job's results out: a CSV listing (name, size, checksums, time, download path), or a zip of their content
 * streamed entry by entry from storage, with no temporary file and in constant memory.
 */
@Component
class JobResultExport {

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
     * at level 0, which costs no time. Two results with one name become {@code name}, {@code name (2)}, ...
     */
    void writeZip(List<StoredContent> results, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(out, BUFFER_BYTES));
        Set<String> names = new HashSet<>();
        for (StoredContent file : results) {
            ZipEntry entry = new ZipEntry(uniqueName(file.fileName(), names));
            entry.setTime(file.storedAt().toEpochMilli());
            zip.setLevel(compressible(file) ? Deflater.DEFAULT_COMPRESSION : Deflater.NO_COMPRESSION);
            zip.putNextEntry(entry);
            try (InputStream content = storage.read(file.storageKey(), 0, -1)) {
                content.transferTo(zip);
            }
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
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
