package org.fedimpute.e2e;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A researcher's connection to the notifications' live stream ({@code text/event-stream}) through the gateway, as a
 * browser's EventSource holds it: every event received is kept, in order, for the test to look at.
 */
final class LiveStream implements AutoCloseable {

    /** One server-sent event: its id (for {@code Last-Event-ID}), its type and its JSON data. */
    record Event(long id, String type, String data) {}

    private final List<Event> received = new CopyOnWriteArrayList<>();
    private final InputStream body;
    private final Thread reader;

    private LiveStream(InputStream body) {
        this.body = body;
        this.reader = Thread.ofVirtual().start(this::read);
    }

    /** Connects, resuming after {@code lastEventId} where it is given, and waits until the stream is open. */
    static LiveStream open(String gateway, String token, Long lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + "/api/v1/notifications/stream"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", Long.toString(lastEventId));
        }
        HttpResponse<InputStream> response =
                HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new AssertionError("the live stream answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        return new LiveStream(response.body());
    }

    /** The events received until the first of {@code type}, waiting for it up to {@code timeout}. */
    List<Event> awaitEvent(String type, Duration timeout) {
        await().atMost(timeout)
                .until(() -> received.stream().anyMatch(event -> event.type().equals(type)));
        List<Event> snapshot = List.copyOf(received);
        int last = 0;
        while (!snapshot.get(last).type().equals(type)) {
            last++;
        }
        return snapshot.subList(0, last + 1);
    }

    List<Event> received() {
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
        } catch (Exception closed) {
            // The test closed the stream, or the server ended it: what arrived is kept.
        }
    }

    @Override
    public void close() throws Exception {
        body.close();
        reader.join(Duration.ofSeconds(5));
    }
}
