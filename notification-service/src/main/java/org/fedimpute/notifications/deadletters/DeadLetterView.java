package org.fedimpute.notifications.deadletters;

import java.time.Instant;

/**
 * One parked event, without its payload (which may hold a secret such as a reset token).
 *
 * @param stream the dead-letter stream it sits on
 * @param entryId its entry id there
 * @param parkedAt when it was parked (the entry id's time)
 * @param originalEntryId its entry id on the event stream
 * @param type the event's type name
 * @param eventId the event's id, where its envelope could be read
 * @param consumer the consumer group that gave up on it
 * @param deliveries how often it was delivered
 * @param error why it was parked
 */
record DeadLetterView(
        String stream,
        String entryId,
        Instant parkedAt,
        String originalEntryId,
        String type,
        String eventId,
        String consumer,
        long deliveries,
        String error) {}
