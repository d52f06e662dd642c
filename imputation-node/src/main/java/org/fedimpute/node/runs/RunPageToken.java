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
            return new RunPageToken(
                    Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    UUID.fromString(parts[2]));
        } catch (IllegalArgumentException
                | ArrayIndexOutOfBoundsException
                | DateTimeException
                | ArithmeticException e) {
            throw new RunRefused("page_token is not one this node gave");
        }
    }
}
