package org.fedimpute.files;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** A {@code multipart/form-data} request body as a browser sends it: fields first, then the file, streamed. */
public final class Multipart {

    private final String boundary = "----fedimpute-" + UUID.randomUUID();
    private final StringBuilder head = new StringBuilder();

    /** Adds a form field; call before {@link #file}. */
    public Multipart field(String name, String value) {
        head.append("--")
                .append(boundary)
                .append("\r\n")
                .append("Content-Disposition: form-data; name=\"")
                .append(name)
                .append("\"\r\n\r\n")
                .append(value)
                .append("\r\n");
        return this;
    }

    /** The whole body, with the file's content streamed between the fields and the closing boundary. */
    public InputStream file(String fileName, InputStream content) {
        String fileHead = head + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        return new SequenceInputStream(new SequenceInputStream(bytes(fileHead), content), bytes(tail));
    }

    public byte[] file(String fileName, byte[] content) {
        try (InputStream body = file(fileName, new ByteArrayInputStream(content))) {
            return body.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The body with these fields and then a field after the file, which the service must refuse. */
    public byte[] fileThenField(String fileName, byte[] content, Map.Entry<String, String> late) {
        String body = new String(file(fileName, content), StandardCharsets.ISO_8859_1);
        String closing = "--" + boundary + "--\r\n";
        String lateField = "--" + boundary + "\r\n" + "Content-Disposition: form-data; name=\"" + late.getKey()
                + "\"\r\n\r\n" + late.getValue() + "\r\n";
        return (body.substring(0, body.length() - closing.length()) + lateField + closing)
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
