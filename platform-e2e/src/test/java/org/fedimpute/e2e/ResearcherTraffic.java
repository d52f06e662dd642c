package org.fedimpute.e2e;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.fedimpute.e2e.journey.Credential;
import org.fedimpute.e2e.journey.Gateway;
import org.fedimpute.e2e.journey.JourneyFailure;

/**
 * A researcher reading the platform through the gateway without pause while a test breaks it: their jobs, one job,
 * the services, their files, notifications and account, and the monitoring overview, round after round. It keeps
 * the count of each status and every answer that is neither a success nor the documented 503 problem (with
 * {@code Retry-After}) a client is told to retry; a gateway that cannot be reached at all is counted apart.
 */
final class ResearcherTraffic implements AutoCloseable {

    private final Gateway gateway;
    private final Credential apiKey;
    private final Credential session;
    private final AtomicReference<String> jobId = new AtomicReference<>();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentSkipListMap<>();
    private final List<String> undocumented = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> unreachable = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean running = true;

    private ResearcherTraffic(Gateway gateway, Credential apiKey, Credential session) {
        this.gateway = gateway;
        this.apiKey = apiKey;
        this.session = session;
        this.reader = Thread.ofVirtual().name("researcher-traffic").start(this::readUntilClosed);
    }

    static ResearcherTraffic start(Gateway gateway, Credential apiKey, Credential session) {
        return new ResearcherTraffic(gateway, apiKey, session);
    }

    /** The job whose page is read each round. */
    void follow(String id) {
        jobId.set(id);
    }

    private void readUntilClosed() {
        while (running) {
            read("/api/v1/jobs?size=5", apiKey);
            Optional.ofNullable(jobId.get()).ifPresent(id -> read("/api/v1/jobs/" + id, apiKey));
            read("/api/v1/services", apiKey);
            read("/api/v1/files?size=5", apiKey);
            read("/api/v1/notifications?size=5", apiKey);
            read("/api/v1/users/me", session);
            read("/api/v1/monitoring/overview", session);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void read(String path, Credential credential) {
        HttpResponse<String> answer;
        try {
            answer = gateway.get(path, credential);
        } catch (JourneyFailure noAnswer) {
            unreachable.computeIfAbsent(path, key -> new AtomicInteger()).incrementAndGet();
            return;
        }
        int status = answer.statusCode();
        statuses.computeIfAbsent(status, key -> new AtomicInteger()).incrementAndGet();
        boolean retryable = status == 503
                && answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                && answer.headers().firstValue("Retry-After").isPresent();
        if (status >= 300 && !retryable) {
            undocumented.add(path + " answered " + status + ": " + answer.body());
        }
    }

    /** How many answers each status had, in order of status. */
    Map<Integer, AtomicInteger> statuses() {
        return statuses;
    }

    /** Every answer that was neither a success nor a documented 503, with its path and body. */
    List<String> undocumented() {
        return undocumented;
    }

    /** Requests that got no answer at all (the gateway itself was down), by path. */
    Map<String, AtomicInteger> unreachable() {
        return unreachable;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (!reader.join(Duration.ofSeconds(30))) {
            reader.interrupt();
            reader.join();
        }
    }
}
