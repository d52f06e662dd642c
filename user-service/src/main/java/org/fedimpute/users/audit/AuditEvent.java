package org.fedimpute.users.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** One security event as stored; never changed once written (the table refuses updates and deletes). */
@Entity
@Immutable
@Table(name = "audit_event")
class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AuditEventType type;

    @Column(name = "user_id")
    private UUID userId;

    @Column(name = "actor_id")
    private UUID actorId;

    private String ip;

    private String detail;

    protected AuditEvent() {}

    AuditEvent(Instant occurredAt, AuditEventType type, UUID userId, UUID actorId, String ip, String detail) {
        this.occurredAt = occurredAt;
        this.type = type;
        this.userId = userId;
        this.actorId = actorId;
        this.ip = ip;
        this.detail = detail;
    }

    AuditEventType type() {
        return type;
    }

    UUID userId() {
        return userId;
    }

    UUID actorId() {
        return actorId;
    }

    String ip() {
        return ip;
    }

    String detail() {
        return detail;
    }

    Instant occurredAt() {
        return occurredAt;
    }
}
