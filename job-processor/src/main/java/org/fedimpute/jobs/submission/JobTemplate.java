package org.fedimpute.jobs.submission;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fedimpute.platform.persistence.AssignedKeyEntity;

/** A researcher's saved job configuration (service, panel, parameters), submitted again with other input files. */
@Entity
@Table(name = "job_template")
class JobTemplate extends AssignedKeyEntity<UUID> {

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(updatable = false)
    private String description;

    @Column(nullable = false, updatable = false)
    private String service;

    @Column(name = "reference_panel", nullable = false, updatable = false)
    private String referencePanel;

    @Column(nullable = false, updatable = false)
    private String build;

    @Column(updatable = false)
    private String population;

    @Column(updatable = false)
    private String phasing;

    @Column(name = "r2_filter", updatable = false)
    private String r2Filter;

    @Column(updatable = false)
    private String mode;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected JobTemplate() {}

    JobTemplate(UUID userId, JobTemplateRequest request, Instant now) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.name = request.name().strip();
        this.description = request.description();
        this.service = request.service();
        this.referencePanel = request.referencePanel();
        this.build = request.build();
        this.population = request.population();
        this.phasing = request.phasing();
        this.r2Filter = request.r2Filter();
        this.mode = request.mode();
        this.createdAt = now;
    }

    /** A submission of this configuration with these files, under the given job name or the template's. */
    SubmitJobRequest submission(String jobName, List<UUID> fileIds) {
        return new SubmitJobRequest(
                jobName == null || jobName.isBlank() ? name : jobName,
                description,
                service,
                referencePanel,
                build,
                population,
                phasing,
                r2Filter,
                mode,
                fileIds);
    }

    JobTemplateResponse response() {
        return new JobTemplateResponse(
                id, name, description, service, referencePanel, build, population, phasing, r2Filter, mode, createdAt);
    }

    @Override
    public UUID getId() {
        return id;
    }
}
