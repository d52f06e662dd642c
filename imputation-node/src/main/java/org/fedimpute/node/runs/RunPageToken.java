package org.fedimpute.node.runs;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of runs ended, as the opaque {@code next_page_token} of {@code GET /runs}: the last run's creation time
 * and id, so the next page starts after it however many runs were submitted meanwhile.
 */
record RunPageToken(Instant createdAt, UUID runId) {

    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    static RunPageToken after(Run run) {
        return new RunPageToken(run.createdAt(), run.runId());
    }

    String encode() {
        String plain = createdAt.getEpochSecond() + ":" + createdAt.getNano() + ":" + runId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The token's position; throws {@link RunRefused} for a token this node did not give. */
    static RunPageToken decode(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":", 3);
            Instant createdAt = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            if (createdAt.isBefore(EARLIEST) || createdAt.isAfter(LATEST)) {
                // A time no run was created at, and one PostgreSQL's timestamps (or Java's dates) may not hold.
                throw new DateTimeException("out of range");
            }
            return new RunPageToken(createdAt, UUID.fromString(parts[2]));
        } catch (IllegalArgumentException
                | ArrayIndexOutOfBoundsException
                | DateTimeException
                | ArithmeticException e) {
            throw new RunRefused("page_token is not one this node gave");
        }
    }
}
