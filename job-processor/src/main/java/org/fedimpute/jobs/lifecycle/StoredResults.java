package org.fedimpute.jobs.lifecycle;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The outputs of a finished job already stored in file-manager, each recorded the moment it is stored: when storing
 * a later output fails, the next poll picks up where it stopped instead of downloading and storing everything again.
 */
@Component
class StoredResults {

    private final JdbcClient jdbc;

    StoredResults(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The file-manager ids of the job's outputs stored so far, by output name. */
    Map<String, UUID> of(UUID jobId) {
        Map<String, UUID> stored = new HashMap<>();
        jdbc.sql("SELECT output, file_id FROM job_result WHERE job_id = ?")
                .param(jobId)
                .query(rs -> {
                    stored.put(rs.getString("output"), rs.getObject("file_id", UUID.class));
                });
        return stored;
    }

    /** Records that the output is stored as file {@code fileId}. */
    void record(UUID jobId, String output, UUID fileId) {
        jdbc.sql("INSERT INTO job_result (job_id, output, file_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(jobId, output, fileId)
                .update();
    }
}
