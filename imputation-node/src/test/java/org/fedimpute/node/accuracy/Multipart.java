package org.fedimpute.node.accuracy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A multipart/form-data body as a WES client sends a run: text fields, then one file. */
final class Multipart {

    private Multipart() {}

    /** A text field of the form. */
    record Field(String name, String value) {}

    static byte[] of(String boundary, List<Field> fields, String fileField, Path file) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Field field : fields) {
            write(
                    body,
                    "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.name() + "\"\r\n\r\n"
                            + field.value() + "\r\n");
        }
        write(
                body,
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                        + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        body.writeBytes(Files.readAllBytes(file));
        write(body, "\r\n--" + boundary + "--\r\n");
        return body.toByteArray();
    }

    private static void write(ByteArrayOutputStream body, String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
