package org.fedimpute.registry.services;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fedimpute.platform.persistence.AssignedKeyEntity;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An imputation service as the admin registered it: what it is, where it runs, and how to reach it. */
@Entity
@Table(name = "imputation_service")
class ImputationService extends AssignedKeyEntity<UUID> {

    @Id
    private UUID id;

    @Column(nullable = false, updatable = false)
    private String slug;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ServiceKind kind;

    @Column(name = "base_url", nullable = false)
    private String baseUrl;

    @Column(name = "michigan_app_id")
    private String michiganAppId;

    private String description;

    private String country;

    private String city;

    private Double latitude;

    private Double longitude;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "supported_builds", nullable = false)
    private List<String> supportedBuilds;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "input_formats", nullable = false)
    private List<String> inputFormats;

    @Column(name = "max_upload_bytes")
    private Long maxUploadBytes;

    @Column(name = "requires_user_token", nullable = false)
    private boolean requiresUserToken;

    @Column(nullable = false)
    private boolean active;

    @Column(name = "catalogue_token")
    private byte[] catalogueToken;

    @Column(name = "connect_timeout_ms", nullable = false)
    private int connectTimeoutMs;

    @Column(name = "read_timeout_ms", nullable = false)
    private int readTimeoutMs;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected ImputationService() {}

    ImputationService(String slug, ServiceRequest request, Instant now) {
        this.id = UUID.randomUUID();
        this.slug = slug;
        this.createdAt = now;
        apply(request, now);
    }

    void apply(ServiceRequest request, Instant now) {
        this.name = request.name().strip();
        this.kind = request.kind();
        this.baseUrl = ServiceRequest.normalisedBaseUrl(request.baseUrl());
        this.michiganAppId = request.kind() == ServiceKind.MICHIGAN ? request.michiganAppIdOrDefault() : null;
        this.description = request.description();
        ServiceRequest.Location location = request.location();
        this.country = location == null ? null : location.country();
        this.city = location == null ? null : location.city();
        this.latitude = location == null ? null : location.latitude();
        this.longitude = location == null ? null : location.longitude();
        this.supportedBuilds = List.copyOf(request.supportedBuildsOrEmpty());
        this.inputFormats = List.copyOf(request.inputFormatsOrEmpty());
        this.maxUploadBytes = request.maxUploadBytes();
        this.requiresUserToken = request.requiresUserTokenOr(kind == ServiceKind.MICHIGAN);
        this.active = request.active() == null || request.active();
        this.connectTimeoutMs = (int) request.connectTimeoutOrDefault().toMillis();
        this.readTimeoutMs = (int) request.readTimeoutOrDefault().toMillis();
        this.updatedAt = now;
    }

    void storeCatalogueToken(byte[] encrypted, Instant now) {
        this.catalogueToken = encrypted;
        this.updatedAt = now;
    }

    UUID id() {
        return id;
    }

    String slug() {
        return slug;
    }

    String name() {
        return name;
    }

    ServiceKind kind() {
        return kind;
    }

    String baseUrl() {
        return baseUrl;
    }

    String michiganAppId() {
        return michiganAppId;
    }

    String description() {
        return description;
    }

    String country() {
        return country;
    }

    String city() {
        return city;
    }

    Double latitude() {
        return latitude;
    }

    Double longitude() {
        return longitude;
    }

    List<String> supportedBuilds() {
        return supportedBuilds;
    }

    List<String> inputFormats() {
        return inputFormats;
    }

    Long maxUploadBytes() {
        return maxUploadBytes;
    }

    boolean requiresUserToken() {
        return requiresUserToken;
    }

    boolean active() {
        return active;
    }

    byte[] catalogueToken() {
        return catalogueToken;
    }

    Duration connectTimeout() {
        return Duration.ofMillis(connectTimeoutMs);
    }

    Duration readTimeout() {
        return Duration.ofMillis(readTimeoutMs);
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
