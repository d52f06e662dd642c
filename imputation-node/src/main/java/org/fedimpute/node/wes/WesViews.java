package org.fedimpute.node.wes;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fedimpute.node.runs.Run;
import org.fedimpute.node.runs.Runs;
import org.fedimpute.node.runs.Task;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Turns runs and their steps into WES 1.1's RunLog, RunStatus and TaskLog: logs and outputs as absolute URLs of this
 * node, built from the request (so behind a proxy, from its forwarded address), and each task with the tails of its
 * logs besides.
 */
@Component
class WesViews {

    static final int TAIL_LINES = 20;
    static final int TAIL_BYTES = 4096;

    private final Runs runs;

    WesViews(Runs runs) {
        this.runs = runs;
    }

    static Map<String, Object> summary(Run run) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("run_id", run.runId().toString());
        summary.put("state", run.state().name());
        summary.put("start_time", time(run.startTime()));
        summary.put("end_time", time(run.endTime()));
        summary.put("tags", run.request().tags());
        return summary;
    }

    Map<String, Object> runLog(Run run) {
        String base = "/runs/" + run.runId();
        Map<String, Object> log = new LinkedHashMap<>();
        // The step running now, or run last: what WES clients show as the run's progress.
        log.put(
                "name",
                runs.latestStep(run).map(Task::name).orElse(run.request().workflowUrl()));
        log.put("cmd", List.of());
        log.put("start_time", time(run.startTime()));
        log.put("end_time", time(run.endTime()));
        log.put("stdout", url(base + "/logs/stdout"));
        log.put("stderr", url(base + "/logs/stderr"));
        log.put("exit_code", run.exitCode());
        log.put("system_logs", run.error() == null ? List.of() : List.of(run.error()));
        Map<String, Object> outputs = new LinkedHashMap<>();
        run.outputs().forEach((name, files) -> {
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                urls.add(url(base + "/outputs/" + name + "/" + i + "/"
                        + Path.of(files.get(i)).getFileName()));
            }
            outputs.put(name, urls);
        });
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("run_id", run.runId().toString());
        answer.put("request", run.request());
        answer.put("state", run.state().name());
        answer.put("run_log", log);
        answer.put("task_logs_url", url(base + "/tasks"));
        answer.put("task_logs", null);
        answer.put("outputs", outputs);
        return answer;
    }

    Map<String, Object> taskLog(Task task) {
        String base = "/runs/" + task.runId() + "/tasks/" + task.id();
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("id", task.id());
        log.put("name", task.name());
        log.put("cmd", task.cmd());
        log.put("start_time", time(task.startTime()));
        log.put("end_time", time(task.endTime()));
        log.put("stdout", url(base + "/logs/stdout"));
        log.put("stderr", url(base + "/logs/stderr"));
        log.put("exit_code", task.exitCode());
        log.put("system_logs", List.of());
        log.put("stdout_tail", tail(task.stdout()));
        log.put("stderr_tail", tail(task.stderr()));
        return log;
    }

    /** The last {@value #TAIL_LINES} whole lines within the last {@value #TAIL_BYTES} bytes of a log. */
    static String tail(Path log) {
        if (!Files.isRegularFile(log)) {
            return "";
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long size = file.length();
            byte[] end = new byte[(int) Math.min(size, TAIL_BYTES)];
            file.seek(size - end.length);
            file.readFully(end);
            List<String> lines = new String(end, StandardCharsets.UTF_8).lines().toList();
            // A cut log starts mid-line: that partial line is left out.
            List<String> whole = size > TAIL_BYTES && lines.size() > 1 ? lines.subList(1, lines.size()) : lines;
            return String.join("\n", whole.subList(Math.max(0, whole.size() - TAIL_LINES), whole.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String url(String path) {
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .path(WesErrors.API + path)
                .build()
                .encode()
                .toUriString();
    }

    private static String time(Instant time) {
        return time == null ? null : time.toString();
    }
}
