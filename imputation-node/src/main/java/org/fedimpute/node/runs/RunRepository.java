package org.fedimpute.node.runs;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The node's runs in {@code wes_run}; every change of state is a conditional update, so that races lose cleanly. */
@Repository
class RunRepository {

    private static final TypeReference<Map<String, List<String>>> OUTPUTS = new TypeReference<>() {};
    private static final TypeReference<List<String>> INPUTS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    RunRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(UUID runId, String hub, RunRequest request, Path workDir, List<String> inputs) {
        jdbc.sql("""
                        INSERT INTO wes_run (run_id, owner_hub, state, workflow_type, workflow_url, request, tags,
                                             work_dir, inputs)
                        VALUES (:id, :hub, 'QUEUED', :type, :url, :request::jsonb, :tags::jsonb, :dir, :inputs::jsonb)
                        """)
                .param("id", runId)
                .param("hub", hub)
                .param("type", request.workflowType())
                .param("url", request.workflowUrl())
                .param("request", json.writeValueAsString(request))
                .param("tags", json.writeValueAsString(request.tags()))
                .param("dir", workDir.toString())
                .param("inputs", json.writeValueAsString(inputs))
                .update();
    }

    Optional<Run> find(UUID runId) {
        return jdbc.sql("SELECT * FROM wes_run WHERE run_id = ?")
                .param(runId)
                .query(this::run)
                .optional();
    }

    Optional<Run> find(String hub, UUID runId) {
        return find(runId).filter(run -> run.ownerHub().equals(hub));
    }

    /** Up to {@code limit} of the hub's runs, newest first, after the run at {@code after} where given. */
    List<Run> page(String hub, RunPageToken after, int limit) {
        if (after == null) {
            return jdbc.sql("SELECT * FROM wes_run WHERE owner_hub = ? ORDER BY created_at DESC, run_id DESC LIMIT ?")
                    .params(hub, limit)
                    .query(this::run)
                    .list();
        }
        return jdbc.sql("""
                        SELECT * FROM wes_run WHERE owner_hub = ? AND (created_at, run_id) < (?, ?)
                        ORDER BY created_at DESC, run_id DESC LIMIT ?
                        """)
                .params(hub, OffsetDateTime.ofInstant(after.createdAt(), ZoneOffset.UTC), after.runId(), limit)
                .query(this::run)
                .list();
    }

    /** Moves a run from one of {@code from} to {@code to}; false where it was in none of them. */
    boolean move(UUID runId, Set<RunState> from, RunState to) {
        return jdbc.sql("""
                        UPDATE wes_run SET state = :to,
                               start_time = CASE WHEN :to = 'INITIALIZING' THEN now() ELSE start_time END
                        WHERE run_id = :id AND state IN (:from)
                        """)
                        .param("to", to.name())
                        .param("id", runId)
                        .param("from", from.stream().map(Enum::name).toList())
                        .update()
                > 0;
    }

    /** Ends a run that is in one of {@code from}; false where it was in none of them. */
    boolean end(
            UUID runId,
            Set<RunState> from,
            RunState to,
            Integer exitCode,
            Map<String, List<String>> outputs,
            String error) {
        return jdbc.sql("""
                        UPDATE wes_run SET state = :to, end_time = now(), exit_code = :exit,
                               outputs = :outputs::jsonb, error = :error
                        WHERE run_id = :id AND state IN (:from)
                        """)
                        .param("to", to.name())
                        .param("exit", exitCode)
                        .param("outputs", json.writeValueAsString(outputs))
                        .param("error", error)
                        .param("id", runId)
                        .param("from", from.stream().map(Enum::name).toList())
                        .update()
                > 0;
    }

    List<UUID> idsIn(Set<RunState> states) {
        return jdbc.sql("SELECT run_id FROM wes_run WHERE state IN (:states) ORDER BY created_at")
                .param("states", states.stream().map(Enum::name).toList())
                .query(UUID.class)
                .list();
    }

    /** How many runs are in each state, every state listed. */
    Map<RunState, Long> counts() {
        Map<RunState, Long> counts = new EnumMap<>(RunState.class);
        for (RunState state : RunState.values()) {
            counts.put(state, 0L);
        }
        jdbc.sql("SELECT state, count(*) AS n FROM wes_run GROUP BY state")
                .query((rs, row) -> counts.put(RunState.valueOf(rs.getString("state")), rs.getLong("n")))
                .list();
        return counts;
    }

    private Run run(ResultSet rs, int row) throws SQLException {
        return new Run(
                rs.getObject("run_id", UUID.class),
                rs.getString("owner_hub"),
                RunState.valueOf(rs.getString("state")),
                json.readValue(rs.getString("request"), RunRequest.class),
                Path.of(rs.getString("work_dir")),
                instant(rs, "created_at"),
                instant(rs, "start_time"),
                instant(rs, "end_time"),
                rs.getObject("exit_code", Integer.class),
                json.readValue(rs.getString("outputs"), OUTPUTS),
                rs.getString("error"),
                json.readValue(rs.getString("inputs"), INPUTS));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
