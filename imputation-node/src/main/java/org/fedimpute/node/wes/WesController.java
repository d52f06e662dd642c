package org.fedimpute.node.wes;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fedimpute.node.runs.Run;
import org.fedimpute.node.runs.Runs;
import org.fedimpute.node.runs.Task;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The runs of the WES 1.1 API, for the hub whose token the call carries: another hub's run is answered as unknown.
 * Logs and outputs are served as files by URL (streamed, with Range), so that the run log stays small.
 */
@RestController
@RequestMapping(WesErrors.API + "/runs")
class WesController {

    private static final String DEFAULT_PAGE_SIZE = "100";

    private final Runs runs;
    private final RunSubmissionReader submissions;
    private final WesViews views;

    WesController(Runs runs, RunSubmissionReader submissions, WesViews views) {
        this.runs = runs;
        this.submissions = submissions;
        this.views = views;
    }

    @PostMapping
    Map<String, String> submit(Authentication hub, HttpServletRequest request) throws IOException {
        UUID runId = UUID.randomUUID();
        submissions.submit(runId, hub.getName(), request);
        return Map.of("run_id", runId.toString());
    }

    @GetMapping
    Map<String, Object> list(
            Authentication hub,
            @RequestParam(name = "page_size", defaultValue = DEFAULT_PAGE_SIZE) int pageSize,
            @RequestParam(name = "page_token", required = false) String pageToken) {
        Runs.RunPage page = runs.page(hub.getName(), pageSize, pageToken);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("runs", page.runs().stream().map(WesViews::summary).toList());
        answer.put("next_page_token", page.nextPageToken());
        return answer;
    }

    @GetMapping("/{runId}")
    Map<String, Object> runLog(Authentication hub, @PathVariable String runId) {
        return views.runLog(run(hub, runId));
    }

    @GetMapping("/{runId}/status")
    Map<String, String> status(Authentication hub, @PathVariable String runId) {
        Run run = run(hub, runId);
        return Map.of("run_id", run.runId().toString(), "state", run.state().name());
    }

    @PostMapping("/{runId}/cancel")
    Map<String, String> cancel(Authentication hub, @PathVariable String runId) {
        Run run = runs.cancel(hub.getName(), id(runId)).orElseThrow(() -> unknownRun(runId));
        return Map.of("run_id", run.runId().toString());
    }

    @GetMapping("/{runId}/tasks")
    Map<String, Object> tasks(
            Authentication hub,
            @PathVariable String runId,
            @RequestParam(name = "page_size", defaultValue = DEFAULT_PAGE_SIZE) int pageSize,
            @RequestParam(name = "page_token", required = false) String pageToken) {
        Runs.TaskPage page = runs.tasks(run(hub, runId), pageSize, pageToken);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("task_logs", page.tasks().stream().map(views::taskLog).toList());
        answer.put("next_page_token", page.nextPageToken());
        return answer;
    }

    @GetMapping("/{runId}/tasks/{taskId}")
    Map<String, Object> task(Authentication hub, @PathVariable String runId, @PathVariable String taskId) {
        return views.taskLog(task(run(hub, runId), taskId));
    }

    @GetMapping("/{runId}/logs/{stream}")
    ResponseEntity<Resource> runLogFile(Authentication hub, @PathVariable String runId, @PathVariable String stream) {
        return text(runs.runLog(run(hub, runId), stream(stream)).orElse(null));
    }

    @GetMapping("/{runId}/tasks/{taskId}/logs/{stream}")
    ResponseEntity<Resource> taskLogFile(
            Authentication hub, @PathVariable String runId, @PathVariable String taskId, @PathVariable String stream) {
        Task task = task(run(hub, runId), taskId);
        return text("stdout".equals(stream(stream)) ? task.stdout() : task.stderr());
    }

    @GetMapping("/{runId}/outputs/{name}/{index}/{fileName}")
    ResponseEntity<Resource> output(
            Authentication hub,
            @PathVariable String runId,
            @PathVariable String name,
            @PathVariable int index,
            @PathVariable String fileName) {
        Path file = runs.output(run(hub, runId), name, index)
                .filter(found -> found.getFileName().toString().equals(fileName))
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND,
                        "Run " + runId + " has no output " + name + "/" + index + "/" + fileName));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(fileName)
                                .build()
                                .toString())
                .body(new FileSystemResource(file));
    }

    private Run run(Authentication hub, String runId) {
        return runs.run(hub.getName(), id(runId)).orElseThrow(() -> unknownRun(runId));
    }

    private Task task(Run run, String taskId) {
        return runs.task(run, taskId)
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "Run " + run.runId() + " has no task " + taskId));
    }

    private static UUID id(String runId) {
        try {
            return UUID.fromString(runId);
        } catch (IllegalArgumentException e) {
            throw unknownRun(runId);
        }
    }

    private static ResponseStatusException unknownRun(String runId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "Run " + runId + " not found");
    }

    private static String stream(String stream) {
        if (!List.of("stdout", "stderr").contains(stream)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Logs are stdout or stderr, not " + stream);
        }
        return stream;
    }

    /** A log as plain text; a log not written yet is empty. */
    private static ResponseEntity<Resource> text(Path file) {
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN);
        return file == null ? ok.body(null) : ok.body(new FileSystemResource(file));
    }
}
