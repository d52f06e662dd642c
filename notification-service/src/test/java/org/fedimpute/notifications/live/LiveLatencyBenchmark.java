package org.fedimpute.notifications.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fedimpute.events.JobQueued;
import org.fedimpute.notifications.NotificationTestSupport;
import org.fedimpute.notifications.live.SseClient.Event;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Event-to-SSE latency (target: p99 under 100 ms) with 500 clients connected, five per user: job events through the
 * stream consumer, the database, Redis pub/sub and each stream's catch-up, measured from the event's occurredAt to
 * the client reading it, after one unmeasured warm-up event per user. Run with {@code -Dgroups=benchmark -DexcludedGroups=}.
 */
@Tag("benchmark")
class LiveLatencyBenchmark extends NotificationTestSupport {

    private static final int USERS = 100;
    private static final int CLIENTS_PER_USER = 5;
    private static final int EVENTS = 300;
    private static final Duration PACE = Duration.ofMillis(20);

    @Test
    void eventToStreamLatencyWith500Clients() throws InterruptedException {
        List<UUID> users = new ArrayList<>();
        List<SseClient> clients = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            UUID user = UUID.randomUUID();
            users.add(user);
            for (int c = 0; c < CLIENTS_PER_USER; c++) {
                clients.add(SseClient.connect(port, LiveStreamTests.STREAM, TOKENS.researcher(user), null));
            }
        }
        try {
            // One unmeasured event per user first, so connections, consumers and code paths are warm.
            for (UUID user : users) {
                events.publish(new JobQueued(UUID.randomUUID(), user, UUID.randomUUID(), null, Instant.now()));
            }
            for (SseClient client : clients) {
                client.next(Duration.ofSeconds(30));
            }
            for (int i = 0; i < EVENTS; i++) {
                events.publish(
                        new JobQueued(UUID.randomUUID(), users.get(i % USERS), UUID.randomUUID(), i, Instant.now()));
                Thread.sleep(PACE);
            }
            List<Long> latencies = new ArrayList<>();
            int perClient = EVENTS / USERS;
            for (SseClient client : clients) {
                for (Event event : client.next(perClient, Duration.ofSeconds(30))) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> data = json.readValue(event.data(), Map.class);
                    Instant occurred = Instant.parse((String) data.get("createdAt"));
                    latencies.add(Duration.between(occurred, event.receivedAt()).toNanos());
                }
            }
            latencies.sort(null);
            System.out.printf(
                    "Live stream latency, event to client, %d clients over %d users, %d events at one per %d ms"
                            + " (%d deliveries): p50 %.1f ms, p99 %.1f ms, max %.1f ms (target p99 < 100 ms)%n",
                    clients.size(),
                    USERS,
                    EVENTS,
                    PACE.toMillis(),
                    latencies.size(),
                    percentile(latencies, 0.50),
                    percentile(latencies, 0.99),
                    latencies.getLast() / 1e6);
            assertThat(latencies).hasSize(EVENTS * CLIENTS_PER_USER);
        } finally {
            clients.forEach(SseClient::close);
        }
    }

    private static double percentile(List<Long> sorted, double quantile) {
        return sorted.get((int) Math.ceil(quantile * sorted.size()) - 1) / 1e6;
    }
}
