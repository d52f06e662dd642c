package org.fedimpute.notifications.messaging;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The names researchers gave their jobs, kept from job.submitted, since later job events carry only the id. */
@Component
class KnownJobs {

    private final JdbcClient jdbc;
    private final ForgottenUsers forgotten;

    KnownJobs(JdbcClient jdbc, ForgottenUsers forgotten) {
        this.jdbc = jdbc;
        this.forgotten = forgotten;
    }

    void remember(UUID jobId, UUID userId, String name) {
        // Not for a deleted account: its job.submitted may be handled after its user.deleted (another stream).
        if (forgotten.isForgotten(userId)) {
            return;
        }
        jdbc.sql("INSERT INTO known_job (job_id, user_id, name) VALUES (?, ?, ?) ON CONFLICT (job_id) DO NOTHING")
                .params(jobId, userId, name)
                .update();
    }

    /** The job's name, or a short form of its id for a job submitted before this service listened. */
    String nameOf(UUID jobId) {
        return jdbc.sql("SELECT name FROM known_job WHERE job_id = ?")
                .param(jobId)
                .query(String.class)
                .optional()
                .orElse("job " + jobId.toString().substring(0, 8));
    }

    void forget(UUID userId) {
        jdbc.sql("DELETE FROM known_job WHERE user_id = ?").param(userId).update();
    }
}
