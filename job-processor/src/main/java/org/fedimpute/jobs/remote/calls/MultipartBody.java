package org.fedimpute.jobs.remote.calls;

import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A multipart/form-data request body whose files are read from their streams while the request is written, never
 * held in memory, and opened again for each attempt. Its length is declared when every file's size is known, and
 * the body is sent chunked otherwise.
 */
public final class MultipartBody {

    private static final byte[] LINE_END = "\r\n".getBytes(StandardCharsets.UTF_8);

    private final String boundary = "fedimpute-" + UUID.randomUUID();
    private final List<Function<UnaryOperator<InputStream>, List<BodyPublisher>>> parts = new ArrayList<>();

    /** Adds a text field; a null value adds nothing. */
    public MultipartBody field(String name, String value) {
        if (value != null) {
            byte[] head = header("form-data; name=\"" + escape(name) + "\"", null);
            byte[] text = value.getBytes(StandardCharsets.UTF_8);
            parts.add(watch -> List.of(BodyPublishers.ofByteArray(head), BodyPublishers.ofByteArray(text)));
        }
        return this;
    }

    /** Adds a file part, streamed from {@code content} (opened when the part is written) as octets. */
    public MultipartBody file(String name, String fileName, long size, Supplier<InputStream> content) {
        byte[] head = header(
                "form-data; name=\"" + escape(name) + "\"; filename=\"" + escape(fileName) + "\"",
                "application/octet-stream");
        parts.add(watch -> {
            BodyPublisher stream = BodyPublishers.ofInputStream(() -> watch.apply(content.get()));
            return List.of(
                    BodyPublishers.ofByteArray(head), size > 0 ? BodyPublishers.fromPublisher(stream, size) : stream);
        });
        return this;
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The body for one attempt; every stream it opens is passed through {@code watch} first. */
    BodyPublisher publisher(UnaryOperator<InputStream> watch) {
        List<BodyPublisher> body = new ArrayList<>();
        for (var part : parts) {
            body.addAll(part.apply(watch));
            body.add(BodyPublishers.ofByteArray(LINE_END));
        }
        body.add(BodyPublishers.ofString("--" + boundary + "--\r\n", StandardCharsets.UTF_8));
        return BodyPublishers.concat(body.toArray(BodyPublisher[]::new));
    }

    private byte[] header(String disposition, String contentType) {
        return ("--" + boundary + "\r\nContent-Disposition: " + disposition + "\r\n"
                        + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Quotes and line breaks in names, percent-encoded as browsers do (HTML's multipart/form-data encoding). */
    private static String escape(String name) {
        return name.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }
}
