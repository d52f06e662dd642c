package org.fedimpute.jobs.lifecycle;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** Stores each job's transitions, read back in the order they happened. */
interface JobTransitionRepository extends JpaRepository<JobTransition, UUID> {

    List<JobTransition> findByJobIdOrderBySeqAsc(UUID jobId);
}
