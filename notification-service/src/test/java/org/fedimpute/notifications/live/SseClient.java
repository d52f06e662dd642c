package org.fedimpute.notifications.live;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A Server-Sent Events client as a browser's EventSource reads the stream: line by line over real HTTP, an event
 * ending at a blank line, comment lines (heartbeats) counted apart.
 */
final class SseClient implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final AtomicInteger comments = new AtomicInteger();
    private volatile boolean endedCleanly;
    private final Thread reader;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = Thread.ofVirtual().start(this::read);
    }

    /** Connects with the token and, if not null, the {@code Last-Event-ID} header; fails unless the answer is 200. */
    static SseClient connect(int port, String path, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            HttpResponse<Stream<String>> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                String body = String.join("\n", response.body().toList());
                throw new AssertionError("Stream answered " + response.statusCode() + ": " + body);
            }
            return new SseClient(response);
        } catch (IOException e) {
            throw new AssertionError("Could not connect to " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    HttpResponse<Stream<String>> response() {
        return response;
    }

    /** The next event with data, or an assertion error if none comes in time. */
    Event next(Duration patience) {
        Event event = poll(patience);
        if (event == null) {
            throw new AssertionError("No event within " + patience);
        }
        return event;
    }

    /** The next {@code count} events with data. */
    List<Event> next(int count, Duration patience) {
        List<Event> received = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            received.add(next(patience));
        }
        return received;
    }

    /** The next event with data, or null if none comes in time. */
    Event poll(Duration patience) {
        try {
            return events.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    /** Whether the server has ended the response. */
    boolean ended() {
        return !reader.isAlive();
    }

    /**
     * Whether the server ended the response as a finished stream (its last chunk read), rather than by dropping the
     * connection in the middle of it.
     */
    boolean endedCleanly() {
        return ended() && endedCleanly;
    }

    /** Comment lines received so far. */
    int comments() {
        return comments.get();
    }

    private void read() {
        String id = null;
        String type = null;
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(id, type, data.toString(), Instant.now()));
                    }
                    type = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    type = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n")
                            .append(line.substring(5).strip());
                }
            }
            endedCleanly = true;
        } catch (RuntimeException e) {
            // the connection closed: no more events
        }
    }

    @Override
    public void close() {
        reader.interrupt();
        response.body().close();
    }

    /**
     * One event as EventSource would dispatch it.
     *
     * @param id its {@code id:} (the last one seen, as EventSource keeps it)
     * @param type its {@code event:}
     * @param data its {@code data:} lines joined
     * @param receivedAt when the client read its last line
     */
    record Event(String id, String type, String data, Instant receivedAt) {

        long number() {
            return Long.parseLong(id);
        }
    }
}
