package org.fedimpute.users.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Records security events in the caller's transaction, so an event exists exactly when its change does. */
@Service
public class AuditLog {

    private final AuditEventRepository events;
    private final Clock clock;

    AuditLog(AuditEventRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** An event the user caused themselves. */
    @Transactional
    public void record(AuditEventType type, UUID userId, String ip, String detail) {
        recordBy(userId, type, userId, ip, detail);
    }

    /** An event someone else (an admin) caused to the user's account. */
    @Transactional
    public void recordBy(UUID actorId, AuditEventType type, UUID userId, String ip, String detail) {
        events.save(
                new AuditEvent(Instant.now(clock).truncatedTo(ChronoUnit.MICROS), type, userId, actorId, ip, detail));
    }

    /** A user's events, newest first. */
    @Transactional(readOnly = true)
    public List<AuditEntry> trailOf(UUID userId) {
        return events.findByUserIdOrderByOccurredAtDesc(userId).stream()
                .map(event ->
                        new AuditEntry(event.occurredAt(), event.type(), event.actorId(), event.ip(), event.detail()))
                .toList();
    }

    /** An audit event as other features and admins see it. */
    public record AuditEntry(Instant occurredAt, AuditEventType type, UUID actorId, String ip, String detail) {}
}
