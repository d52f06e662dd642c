package org.fedimpute.node.runs;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The steps of runs in {@code wes_task}, numbered within their run. */
@Repository
class TaskRepository {

    private static final TypeReference<List<String>> COMMAND = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    TaskRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    int lastSeq(UUID runId) {
        return jdbc.sql("SELECT coalesce(max(seq), 0) FROM wes_task WHERE run_id = ?")
                .param(runId)
                .query(Integer.class)
                .single();
    }

    void begin(UUID runId, int seq, String name, List<String> cmd, Path stdout, Path stderr) {
        jdbc.sql("""
                        INSERT INTO wes_task (run_id, seq, name, cmd, start_time, stdout, stderr)
                        VALUES (?, ?, ?, ?::jsonb, now(), ?, ?)
                        """)
                .params(runId, seq, name, json.writeValueAsString(cmd), stdout.toString(), stderr.toString())
                .update();
    }

    void end(UUID runId, int seq, int exitCode) {
        jdbc.sql("UPDATE wes_task SET end_time = now(), exit_code = ? WHERE run_id = ? AND seq = ?")
                .params(exitCode, runId, seq)
                .update();
    }

    List<Task> page(UUID runId, int afterSeq, int limit) {
        return jdbc.sql("SELECT * FROM wes_task WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?")
                .params(runId, afterSeq, limit)
                .query(this::task)
                .list();
    }

    Optional<Task> find(UUID runId, int seq) {
        return jdbc.sql("SELECT * FROM wes_task WHERE run_id = ? AND seq = ?")
                .params(runId, seq)
                .query(this::task)
                .optional();
    }

    /** The step begun last: the one running now, or the last one run. */
    Optional<Task> latest(UUID runId) {
        return jdbc.sql("SELECT * FROM wes_task WHERE run_id = ? ORDER BY start_time DESC, seq DESC LIMIT 1")
                .param(runId)
                .query(this::task)
                .optional();
    }

    private Task task(ResultSet rs, int row) throws SQLException {
        return new Task(
                rs.getObject("run_id", UUID.class),
                rs.getInt("seq"),
                rs.getString("name"),
                json.readValue(rs.getString("cmd"), COMMAND),
                RunRepository.instant(rs, "start_time"),
                RunRepository.instant(rs, "end_time"),
                rs.getObject("exit_code", Integer.class),
                Path.of(rs.getString("stdout")),
                Path.of(rs.getString("stderr")));
    }
}
