package org.fedimpute.jobs.remote;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.fedimpute.jobs.remote.calls.RemoteCallProperties;
import org.fedimpute.jobs.remote.calls.RemoteCalls;
import tools.jackson.databind.json.JsonMapper;

/** Targets, submissions and quick resilience settings for the clients' tests. */
public final class RemoteFixtures {

    public static final String TOKEN = "raw-token-4f1c";
    public static final String PASSWORD = "zip-password-9d2e";

    private RemoteFixtures() {}

    /** Two retries 5 ms and 10 ms apart; a circuit that opens after 10 calls, half failed; 8 calls at once. */
    public static RemoteCallProperties quick() {
        return settings(2, 10, 8);
    }

    public static RemoteCallProperties settings(int retries, int slidingWindow, int maxConcurrentCalls) {
        return settings(retries, slidingWindow, maxConcurrentCalls, Duration.ofMinutes(1));
    }

    public static RemoteCallProperties settings(
            int retries, int slidingWindow, int maxConcurrentCalls, Duration circuitOpenFor) {
        return new RemoteCallProperties(
                new RemoteCallProperties.Retry(retries, Duration.ofMillis(5), 2),
                new RemoteCallProperties.CircuitBreaker(50, slidingWindow, circuitOpenFor, 2),
                new RemoteCallProperties.Bulkhead(maxConcurrentCalls));
    }

    public static RemoteCalls calls(RemoteCallProperties properties) {
        return new RemoteCalls(properties, JsonMapper.builder().build(), new SimpleMeterRegistry());
    }

    public static RemoteTarget target(String slug, String baseUrl) {
        return target(slug, baseUrl, Duration.ofSeconds(2));
    }

    public static RemoteTarget target(String slug, String baseUrl, Duration readTimeout) {
        return new RemoteTarget(
                UUID.randomUUID(),
                slug,
                "Michigan Imputation Server",
                baseUrl,
                "imputationserver2",
                TOKEN,
                Duration.ofSeconds(2),
                readTimeout);
    }

    public static RemoteSubmission submission(RemoteSubmission.Input... inputs) {
        return new RemoteSubmission(
                UUID.fromString("0b7e39a4-3f5e-4a8f-9a57-0f1d2c3b4a59"),
                "chr20 study",
                "apps@1000g-phase-3-v5@2.0.0",
                "hg19",
                "eur",
                "eagle",
                "0.3",
                "imputation",
                PASSWORD,
                List.of(inputs));
    }

    public static RemoteSubmission.Input file(String name, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new RemoteSubmission.Input(name, bytes.length, () -> new ByteArrayInputStream(bytes));
    }

    /** A stream of {@code size} bytes made up as they are read: nothing of it is ever held whole. */
    public static InputStream generated(long size) {
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                if (left == 0) {
                    return -1;
                }
                left--;
                return 'A';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left == 0) {
                    return -1;
                }
                int count = (int) Math.min(length, left);
                Arrays.fill(buffer, offset, offset + count, (byte) 'A');
                left -= count;
                return count;
            }
        };
    }
}
