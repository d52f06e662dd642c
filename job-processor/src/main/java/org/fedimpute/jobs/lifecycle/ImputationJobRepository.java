package org.fedimpute.jobs.lifecycle;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/** Stores imputation jobs and answers the lists, counts and statistics the API and the quotas need. */
interface ImputationJobRepository extends JpaRepository<ImputationJob, UUID> {

    /**
     * The job, its row locked until the transaction ends, so that a poll, a cancel and a dispatch changing the same
     * job at once take turns instead of failing on each other's version.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select job from ImputationJob job where job.id = :id")
    Optional<ImputationJob> lockById(UUID id);

    Page<ImputationJob> findByUserId(UUID userId, Pageable pageable);

    List<ImputationJob> findByUserId(UUID userId);

    List<ImputationJob> findByBatchIdOrderBySubmittedAtAscNameAsc(UUID batchId);

    Page<ImputationJob> findByUserIdAndStatus(UUID userId, JobStatus status, Pageable pageable);

    Page<ImputationJob> findByStatus(JobStatus status, Pageable pageable);

    /**
     * The user's jobs that have not ended, and those submitted at or after {@code monthStart}. In SQL because Hibernate
     * translated this query's JPQL form again on every call (it has parameters in its select clause): a profile of the
     * submit benchmark showed that as the largest single cost of a submission.
     */
    @Query(
            value = "SELECT count(*) FILTER (WHERE status IN ('PENDING', 'QUEUED', 'RUNNING')) AS unfinished,"
                    + " count(*) FILTER (WHERE submitted_at >= :monthStart) AS submittedThisMonth"
                    + " FROM imputation_job WHERE user_id = :userId",
            nativeQuery = true)
    JobUsage usageOf(UUID userId, Instant monthStart);

    @Query("select j.status, count(j) from ImputationJob j where j.userId = :userId group by j.status")
    List<Object[]> countByStatus(UUID userId);

    @Query(
            value = "SELECT avg(extract(epoch FROM finished_at - coalesce(started_at, submitted_at)))"
                    + " FROM imputation_job WHERE user_id = :userId AND status = 'COMPLETED'",
            nativeQuery = true)
    Double averageSecondsToComplete(UUID userId);
}
