package org.fedimpute.e2e.journey;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A researcher's connection to the notifications' live stream ({@code text/event-stream}) through the gateway, as a
 * browser's EventSource holds it: every event received is kept, in order.
 */
public final class LiveStream implements AutoCloseable {

    /** One server-sent event: its id (for {@code Last-Event-ID}), its type and its JSON data. */
    public record Event(long id, String type, String data) {}

    private final List<Event> received = new CopyOnWriteArrayList<>();
    private final InputStream body;
    private final Thread reader;

    private LiveStream(InputStream body) {
        this.body = body;
        this.reader = Thread.ofVirtual().start(this::read);
    }

    /** Connects, resuming after {@code lastEventId} where it is given, and returns once the stream is open. */
    public static LiveStream open(Gateway gateway, Credential credential, Long lastEventId) {
        HttpRequest.Builder request =
                gateway.request("/api/v1/notifications/stream", credential).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", Long.toString(lastEventId));
        }
        try {
            HttpResponse<InputStream> response =
                    HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new JourneyFailure("the live stream answered " + response.statusCode() + ": "
                        + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
            }
            return new LiveStream(response.body());
        } catch (IOException e) {
            throw new JourneyFailure("the live stream could not be opened: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JourneyFailure("opening the live stream was interrupted", e);
        }
    }

    /** The events received until the first of {@code type}, waiting for it up to {@code timeout}. */
    public List<Event> awaitEvent(String type, Duration timeout) {
        return awaitAnyOf(Set.of(type), timeout);
    }

    /** The events received until the first whose type is one of {@code types}, waiting for it up to {@code timeout}. */
    public List<Event> awaitAnyOf(Set<String> types, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Event> snapshot = List.copyOf(received);
            for (int i = 0; i < snapshot.size(); i++) {
                if (types.contains(snapshot.get(i).type())) {
                    return snapshot.subList(0, i + 1);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new JourneyFailure("no " + types + " event within " + timeout + "; received "
                        + snapshot.stream().map(Event::type).toList());
            }
            Waiting.pause(Duration.ofMillis(200));
        }
    }

    public List<Event> received() {
        return List.copyOf(received);
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            Long id = null;
            String type = "message";
            StringBuilder data = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (id != null && !data.isEmpty()) {
                        received.add(new Event(id, type, data.toString()));
                    }
                    id = null;
                    type = "message";
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = Long.parseLong(line.substring(3).strip());
                } else if (line.startsWith("event:")) {
                    type = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        } catch (IOException closed) {
            // The stream was closed here, or the server ended it: what arrived is kept.
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        body.close();
        reader.join(Duration.ofSeconds(5));
    }
}
