package org.fedimpute.monitoring.analytics;

import java.sql.Timestamp;
import java.util.UUID;
import org.fedimpute.events.JobEvent;
import org.fedimpute.events.JobSubmitted;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes the analytics' own record of each job from its events. Each stage keeps the time its event reported,
 * whatever order events arrive in (the earliest, when a stage is reported twice, as after a pre-empted run); the
 * status moves only forward; an outcome is final.
 */
@Component
class JobRecords {

    /** The longest failure reason kept; reasons are grouped by it, so a long one is cut. */
    private static final int REASON_LENGTH = 500;

    private final JdbcClient jdbc;

    JobRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records that the job reached the stage; for a failure, the reason's first line is kept (later lines hold the
     * job's own findings, which would split one cause into many).
     */
    void reached(JobEvent event, JobStage stage, String reason) {
        Timestamp at = Timestamp.from(event.occurredAt());
        jdbc.sql("""
                INSERT INTO job_record (job_id, user_id, service_id, status, first_seen_at)
                VALUES (?, ?, ?, 'SUBMITTED', ?) ON CONFLICT (job_id) DO NOTHING""")
                .params(event.jobId(), event.userId(), event.serviceId(), at)
                .update();
        JobStage current = jdbc.sql("SELECT status FROM job_record WHERE job_id = ? FOR UPDATE")
                .param(event.jobId())
                .query((row, n) -> JobStage.valueOf(row.getString("status")))
                .single();
        boolean advances = stage.isAfter(current);
        if (stage.isOutcome()) {
            if (advances) {
                jdbc.sql("""
                        UPDATE job_record SET status = ?, finished_at = ?, failure_reason = ?,
                               first_seen_at = least(first_seen_at, ?)
                        WHERE job_id = ?""")
                        .params(stage.name(), at, firstLine(reason), at, event.jobId())
                        .update();
            }
            return;
        }
        String column = stage.timeColumn();
        jdbc.sql("UPDATE job_record SET status = ?, " + column + " = least(" + column + ", ?),"
                        + " first_seen_at = least(first_seen_at, ?) WHERE job_id = ?")
                .params((advances ? stage : current).name(), at, at, event.jobId())
                .update();
    }

    /** Records the submission and what was submitted: service, panel, build and input size. */
    void submitted(JobSubmitted event) {
        reached(event, JobStage.SUBMITTED, null);
        jdbc.sql("UPDATE job_record SET reference_panel = ?, build = ?, input_bytes = ? WHERE job_id = ?")
                .params(event.referencePanel(), event.build(), event.inputBytes(), event.jobId())
                .update();
    }

    private static String firstLine(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        String line = reason.strip().lines().findFirst().orElse("").strip();
        return line.length() > REASON_LENGTH ? line.substring(0, REASON_LENGTH) : line;
    }

    /** Removes a deleted account's link to its jobs; the jobs still count, without a user. */
    void forgetUser(UUID userId) {
        jdbc.sql("UPDATE job_record SET user_id = NULL WHERE user_id = ?")
                .param(userId)
                .update();
    }
}
