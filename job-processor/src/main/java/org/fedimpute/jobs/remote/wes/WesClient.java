package org.fedimpute.jobs.remote.wes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.fedimpute.jobs.remote.RemoteFailure;
import org.fedimpute.jobs.remote.RemoteOutput;
import org.fedimpute.jobs.remote.RemoteServer;
import org.fedimpute.jobs.remote.RemoteState;
import org.fedimpute.jobs.remote.RemoteStatus;
import org.fedimpute.jobs.remote.RemoteSubmission;
import org.fedimpute.jobs.remote.RemoteTarget;
import org.fedimpute.jobs.remote.calls.MultipartBody;
import org.fedimpute.jobs.remote.calls.Refusals;
import org.fedimpute.jobs.remote.calls.RemoteCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs imputation on GA4GH WES 1.1 nodes: {@code POST /runs} as multipart/form-data (never JSON, the original
 * platform's bug) with the genotype files as streamed {@code workflow_attachment} parts, run logs translated to
 * platform states, and a failed run's reason taken from the tail of its stderr, which the run log gives as a URL.
 * The researcher's token, where the target has one, goes as a bearer token, and only to the node's own origin; a node
 * that authenticates the hub rather than each researcher (the platform's own imputation node) gets the hub's token
 * configured for its slug.
 */
@Component
@EnableConfigurationProperties(WesProperties.class)
class WesClient implements RemoteServer {

    static final String KIND = "GA4GH_WES";

    private static final Logger log = LoggerFactory.getLogger(WesClient.class);
    private static final String API = "/ga4gh/wes/v1";
    /** The run tag carrying the platform's job id. */
    private static final String JOB_TAG = "fedimpute_job_id";
    /** How far back a lookup for an earlier submit looks: runs are listed newest first on the platform's nodes. */
    private static final int LOOKUP_PAGES = 10;

    private static final int LOOKUP_PAGE_SIZE = 100;
    private static final int STDERR_BYTES = 4096;
    private static final int STDERR_LINES = 20;

    private final RemoteCalls calls;
    private final JsonMapper json;
    private final WesProperties properties;

    WesClient(RemoteCalls calls, JsonMapper json, WesProperties properties) {
        this.calls = calls;
        this.json = json;
        this.properties = properties;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String submit(RemoteTarget target, RemoteSubmission submission) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("refpanel", submission.referencePanel());
        params.put("build", submission.build());
        params.put("population", submission.population());
        params.put("phasing", submission.phasing());
        params.put("r2Filter", submission.r2Filter());
        params.put("mode", submission.mode());
        MultipartBody body = new MultipartBody()
                .field("workflow_params", json.writeValueAsString(params))
                .field("workflow_type", "IMPUTATION")
                .field("workflow_type_version", "1.0")
                .field("workflow_url", properties.workflowUrl())
                .field("tags", json.writeValueAsString(Map.of(JOB_TAG, String.valueOf(submission.jobId()))));
        submission
                .inputs()
                .forEach(input -> body.file("workflow_attachment", input.fileName(), input.size(), input.content()));
        JsonNode answer = calls.upload(target, call(target, "/runs"), body, refusals(target));
        String runId = answer.path("run_id").asString("");
        if (runId.isBlank()) {
            throw new RemoteFailure.Rejected(target.displayName() + " answered the run without a run_id");
        }
        return runId;
    }

    /** Pages through the node's runs visible to this caller for one tagged with the platform job's id. */
    @Override
    public Optional<String> findSubmitted(RemoteTarget target, UUID jobId) {
        String pageToken = "";
        for (int page = 0; page < LOOKUP_PAGES; page++) {
            String query = "/runs?page_size=" + LOOKUP_PAGE_SIZE
                    + (pageToken.isBlank() ? "" : "&page_token=" + RemoteCalls.segment(pageToken));
            JsonNode answer = calls.answer(target, call(target, query).GET(), refusals(target));
            Optional<String> found = answer.path("runs")
                    .valueStream()
                    .filter(run -> jobId.toString()
                            .equals(run.path("tags").path(JOB_TAG).asString("")))
                    // A pre-empted run is over for good: the job is to be sent again.
                    .filter(run -> !"PREEMPTED".equals(run.path("state").asString("")))
                    .map(run -> run.path("run_id").asString(""))
                    .filter(id -> !id.isBlank())
                    .findFirst();
            pageToken = answer.path("next_page_token").asString("");
            if (found.isPresent() || pageToken.isBlank()) {
                return found;
            }
        }
        return Optional.empty();
    }

    @Override
    public RemoteStatus status(RemoteTarget target, String remoteId) {
        JsonNode run = calls.answer(
                target, call(target, "/runs/" + RemoteCalls.segment(remoteId)).GET(), refusals(target));
        String wesState = run.path("state").asString("UNKNOWN");
        RemoteState state = switch (wesState) {
            case "QUEUED", "INITIALIZING" -> RemoteState.QUEUED;
            case "RUNNING", "PAUSED" -> RemoteState.RUNNING;
            case "COMPLETE" -> RemoteState.COMPLETED;
            case "EXECUTOR_ERROR", "SYSTEM_ERROR" -> RemoteState.FAILED;
            case "CANCELING", "CANCELED" -> RemoteState.CANCELLED;
            case "PREEMPTED" -> RemoteState.PREEMPTED;
            default -> RemoteState.UNKNOWN;
        };
        if (state == RemoteState.UNKNOWN) {
            log.info("{} reports run {} in state {}", target.slug(), remoteId, wesState);
        }
        JsonNode runLog = run.path("run_log");
        return new RemoteStatus(
                state,
                wesState,
                null,
                runLog.path("name").asString(null),
                null,
                state == RemoteState.FAILED ? failureReason(target, wesState, runLog) : null,
                outputs(target, run.path("outputs")));
    }

    /** WES answers a cancel with the run id only, so the state afterwards is read from the run log. */
    @Override
    public RemoteStatus cancel(RemoteTarget target, String remoteId) {
        calls.answer(
                target,
                call(target, "/runs/" + RemoteCalls.segment(remoteId) + "/cancel")
                        .POST(HttpRequest.BodyPublishers.noBody()),
                refusals(target));
        return status(target, remoteId);
    }

    @Override
    public <T> T download(RemoteTarget target, RemoteOutput output, Function<InputStream, T> sink) {
        return calls.download(
                target, request(target, resolve(target, output.location())).GET(), refusals(target), sink);
    }

    /** The state and exit code, with the last lines of the run's stderr where the node serves them. */
    private String failureReason(RemoteTarget target, String wesState, JsonNode runLog) {
        String reason = "The run ended in " + wesState
                + (runLog.path("exit_code").isNumber()
                        ? " with exit code " + runLog.path("exit_code").asInt()
                        : "");
        String stderr = runLog.path("stderr").asString("");
        if (stderr.isBlank()) {
            return reason;
        }
        Optional<URI> stderrAddress = address(target, stderr);
        if (stderrAddress.isEmpty()) {
            return reason + " (its log's address is not a URL)";
        }
        try {
            String tail = calls.download(
                    target, request(target, stderrAddress.get()).GET(), refusals(target), WesClient::tail);
            return tail.isBlank() ? reason : reason + ":\n" + tail;
        } catch (RemoteFailure e) {
            log.warn("Could not read the stderr of a failed run on {}: {}", target.slug(), e.getMessage());
            return reason + " (its log could not be read: " + e.getMessage() + ")";
        }
    }

    /** The last {@value #STDERR_LINES} lines within the last {@value #STDERR_BYTES} bytes of a log. */
    static String tail(InputStream log) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        boolean cut = false;
        try {
            for (int read = log.read(buffer); read >= 0; read = log.read(buffer)) {
                kept.write(buffer, 0, read);
                if (kept.size() > 2 * STDERR_BYTES) {
                    byte[] last = kept.toByteArray();
                    kept.reset();
                    kept.write(last, last.length - STDERR_BYTES, STDERR_BYTES);
                    cut = true;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = kept.toByteArray();
        cut |= bytes.length > STDERR_BYTES;
        String text = new String(
                bytes,
                Math.max(0, bytes.length - STDERR_BYTES),
                Math.min(bytes.length, STDERR_BYTES),
                StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        // A cut log starts mid-line: drop that partial line.
        List<String> whole = cut && lines.size() > 1 ? lines.subList(1, lines.size()) : lines;
        return String.join("\n", whole.subList(Math.max(0, whole.size() - STDERR_LINES), whole.size()))
                .strip();
    }

    /**
     * Output values that are http(s) URLs or absolute paths on the node, or lists of them; each named after its last
     * path segment. Other values (a count, a word, a message, a path with spaces) are not files to fetch and are left
     * out.
     */
    private static List<RemoteOutput> outputs(RemoteTarget target, JsonNode outputs) {
        List<RemoteOutput> found = new ArrayList<>();
        outputs.valueStream()
                .flatMap(value -> value.isArray() ? value.valueStream() : Stream.of(value))
                .filter(JsonNode::isString)
                .map(JsonNode::asString)
                .filter(WesClient::namesAFile)
                .flatMap(value -> address(target, value).stream())
                .filter(url -> "http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                .forEach(url -> {
                    String path = Objects.requireNonNullElse(url.getPath(), "");
                    found.add(new RemoteOutput(path.substring(path.lastIndexOf('/') + 1), url.toString(), -1));
                });
        return found;
    }

    private static Refusals refusals(RemoteTarget target) {
        return (status, answer) -> status == 401 && target.userToken() != null
                ? Refusals.invalidToken(target)
                : Refusals.refused(target, status, answer.path("msg").asString(""));
    }

    /** A call to the WES API, answered in JSON. */
    private HttpRequest.Builder call(RemoteTarget target, String path) {
        return request(target, api(target, path)).header("Accept", "application/json");
    }

    /**
     * A request carrying the researcher's token, or else the hub's token for this node, sent only to the node's own
     * scheme, host and port.
     */
    private HttpRequest.Builder request(RemoteTarget target, URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        URI node = URI.create(target.baseUrl());
        boolean sameOrigin = Objects.equals(node.getScheme(), uri.getScheme())
                && Objects.equals(node.getHost(), uri.getHost())
                && node.getPort() == uri.getPort();
        String token = target.userToken() != null
                ? target.userToken()
                : properties.nodeTokens().get(target.slug());
        if (token != null && sameOrigin) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    /**
     * The API URL of {@code path}. The registry keeps a WES node's API base ({@code https://host/ga4gh/wes/v1}, where
     * its health probe reads {@code /service-info}); a bare host is taken as the node's root.
     */
    private static URI api(RemoteTarget target, String path) {
        String base = target.baseUrl().replaceAll("/+$", "");
        return URI.create((base.endsWith(API) ? base : base + API) + path);
    }

    /** A URL the node gave, absolute or relative to its API. */
    private static URI resolve(RemoteTarget target, String location) {
        return api(target, "/").resolve(location);
    }

    private static boolean namesAFile(String value) {
        return value.startsWith("/")
                || value.regionMatches(true, 0, "http://", 0, 7)
                || value.regionMatches(true, 0, "https://", 0, 8);
    }

    /** A location the node gave, against its API; empty when it is no URI reference at all. */
    private static Optional<URI> address(RemoteTarget target, String location) {
        try {
            return Optional.of(resolve(target, location));
        } catch (IllegalArgumentException notAUri) {
            return Optional.empty();
        }
    }
}
