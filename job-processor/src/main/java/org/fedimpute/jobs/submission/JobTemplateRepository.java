package org.fedimpute.jobs.submission;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** Stores job templates, each visible to its owner only. */
interface JobTemplateRepository extends JpaRepository<JobTemplate, UUID> {

    Page<JobTemplate> findByUserId(UUID userId, Pageable pageable);

    Optional<JobTemplate> findByIdAndUserId(UUID id, UUID userId);

    boolean existsByUserIdAndName(UUID userId, String name);
}
