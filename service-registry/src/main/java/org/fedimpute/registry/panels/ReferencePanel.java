package org.fedimpute.registry.panels;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.fedimpute.platform.persistence.AssignedKeyEntity;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A reference panel a service offers, under the key its server expects at submit. */
@Entity
@Table(name = "reference_panel")
class ReferencePanel extends AssignedKeyEntity<UUID> {

    @Id
    private UUID id;

    @Column(name = "service_id", nullable = false, updatable = false)
    private UUID serviceId;

    @Column(name = "remote_key", nullable = false)
    private String remoteKey;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    private String build;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    private List<String> populations;

    @Column(name = "sample_count")
    private Integer sampleCount;

    @Column(name = "variant_count")
    private Long variantCount;

    @Column(nullable = false)
    private boolean available;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private PanelOrigin origin;

    @Column(name = "last_seen_at")
    private Instant lastSeenAt;

    @Column(name = "missing_since")
    private Instant missingSince;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected ReferencePanel() {}

    private ReferencePanel(UUID serviceId, String remoteKey, PanelOrigin origin, Instant now) {
        this.id = UUID.randomUUID();
        this.serviceId = serviceId;
        this.remoteKey = remoteKey;
        this.origin = origin;
        this.createdAt = now;
        this.updatedAt = now;
        this.populations = List.of();
        this.available = true;
    }

    static ReferencePanel entered(UUID serviceId, PanelRequest request, Instant now) {
        ReferencePanel panel = new ReferencePanel(serviceId, request.remoteKey().strip(), PanelOrigin.MANUAL, now);
        panel.apply(request, now);
        return panel;
    }

    static ReferencePanel found(UUID serviceId, RemotePanel remote, Instant now) {
        ReferencePanel panel = new ReferencePanel(serviceId, remote.remoteKey(), PanelOrigin.SYNCED, now);
        panel.displayName = remote.displayName() != null ? remote.displayName() : remote.remoteKey();
        panel.seen(remote, now);
        return panel;
    }

    void apply(PanelRequest request, Instant now) {
        this.remoteKey = request.remoteKey().strip();
        this.displayName = request.displayName().strip();
        this.build = request.build();
        this.populations = request.populationsOrEmpty();
        this.sampleCount = request.sampleCount();
        this.variantCount = request.variantCount();
        this.available = request.available() == null || request.available();
        this.updatedAt = now;
    }

    /** Takes what the server says of the panel; answers the names of the fields that changed. */
    List<String> seen(RemotePanel remote, Instant now) {
        List<String> changed = new ArrayList<>();
        if (remote.displayName() != null && !remote.displayName().equals(displayName)) {
            displayName = remote.displayName();
            changed.add("displayName");
        }
        if (remote.build() != null && !remote.build().equals(build)) {
            build = remote.build();
            changed.add("build");
        }
        if (remote.populations() != null && !remote.populations().equals(populations)) {
            populations = remote.populations();
            changed.add("populations");
        }
        if (remote.sampleCount() != null && !Objects.equals(remote.sampleCount(), sampleCount)) {
            sampleCount = remote.sampleCount();
            changed.add("sampleCount");
        }
        if (remote.variantCount() != null && !Objects.equals(remote.variantCount(), variantCount)) {
            variantCount = remote.variantCount();
            changed.add("variantCount");
        }
        if (!available) {
            available = true;
            missingSince = null;
            changed.add("available");
        }
        lastSeenAt = now;
        if (!changed.isEmpty()) {
            updatedAt = now;
        }
        return changed;
    }

    /** The server no longer offers the panel: keep it, for the jobs that used it, but stop offering it. */
    boolean missing(Instant now) {
        if (!available) {
            return false;
        }
        available = false;
        missingSince = now;
        updatedAt = now;
        return true;
    }

    UUID id() {
        return id;
    }

    UUID serviceId() {
        return serviceId;
    }

    String remoteKey() {
        return remoteKey;
    }

    String displayName() {
        return displayName;
    }

    String build() {
        return build;
    }

    List<String> populations() {
        return populations;
    }

    Integer sampleCount() {
        return sampleCount;
    }

    Long variantCount() {
        return variantCount;
    }

    boolean available() {
        return available;
    }

    PanelOrigin origin() {
        return origin;
    }

    Instant lastSeenAt() {
        return lastSeenAt;
    }

    Instant missingSince() {
        return missingSince;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    @Override
    public UUID getId() {
        return id;
    }
}
