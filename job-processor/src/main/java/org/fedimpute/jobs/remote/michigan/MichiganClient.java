package org.fedimpute.jobs.remote.michigan;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Sends jobs to a Cloudgene 2/3 server and reads them back: the researcher's raw token in {@code X-Auth-Token} on
 * every API call, only the submit fields the server knows (it rejects any other), Cloudgene's state codes in the
 * platform's terms (3 is still working), and results fetched once each, without the token, from {@code
 * /share/results/{hash}/{name}}, since every GET spends the file's download budget.
 */
@Component
class MichiganClient implements RemoteServer {

    static final String KIND = "MICHIGAN";

    /** Cloudgene's per-user limit: "Only 2 jobs per user can be executed simultaneously." */
    private static final Pattern USER_JOB_LIMIT =
            Pattern.compile("Only .*jobs per user can be executed simultaneously", Pattern.CASE_INSENSITIVE);

    private static final Pattern EXACT_SIZE = Pattern.compile("(\\d+)( bytes?)?");
    /** The failed states whose steps carry the reason (not 10, deleted). */
    private static final Set<String> ENDED_WITH_STEPS = Set.of("5", "9", "-1");

    private static final int REASON_MESSAGES = 3;
    private static final int MAX_REASON_CHARS = 4096;
    /** How many pages of the researcher's jobs (newest first) a lookup for an earlier submit reads. */
    private static final int LOOKUP_PAGES = 3;

    private final RemoteCalls calls;

    MichiganClient(RemoteCalls calls) {
        this.calls = calls;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String submit(RemoteTarget target, RemoteSubmission submission) {
        if (target.michiganAppId() == null || target.michiganAppId().isBlank()) {
            throw new RemoteFailure.Rejected(
                    target.displayName() + " has no Cloudgene application configured to submit jobs to");
        }
        MultipartBody body = new MultipartBody()
                .field("refpanel", submission.referencePanel())
                .field("build", submission.build())
                .field("population", submission.population())
                .field("phasing", submission.phasing())
                .field("r2Filter", submission.r2Filter())
                .field("mode", submission.mode())
                .field("password", submission.resultPassword())
                .field("job-name", jobName(submission));
        submission.inputs().forEach(input -> body.file("files", input.fileName(), input.size(), input.content()));
        JsonNode answer = calls.upload(
                target,
                api(target, "/api/v2/jobs/submit/" + RemoteCalls.segment(target.michiganAppId())),
                body,
                refusals(target));
        String id = answer.path("id").asString("");
        if (id.isBlank()) {
            throw new RemoteFailure.Rejected(target.displayName() + " did not take the job: "
                    + answer.path("message").asString("its answer has no job id"));
        }
        return id;
    }

    /** Looks through the researcher's recent jobs on the server for one whose name carries the platform job's id. */
    @Override
    public Optional<String> findSubmitted(RemoteTarget target, UUID jobId) {
        String marker = marker(jobId);
        for (int page = 1; page <= LOOKUP_PAGES; page++) {
            JsonNode answer = calls.answer(
                    target, api(target, "/api/v2/jobs?page=" + page).GET(), refusals(target));
            // Old servers answer a bare array, newer ones a page of "data".
            JsonNode jobs = answer.isArray() ? answer : answer.path("data");
            Optional<String> found = jobs.valueStream()
                    .filter(job -> job.path("name").asString("").endsWith(marker))
                    .map(job -> job.path("id").asString(""))
                    .filter(id -> !id.isBlank())
                    .findFirst();
            if (found.isPresent()
                    || answer.isArray()
                    || page >= answer.path("pages").asInt(1)) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * Polls {@code /status}; once that says the job ended in success or failure, reads the job's full record, because
     * Cloudgene answers {@code /status} for a job that has left its engine (every finished one) from its database
     * without the output parameters and steps: the results to fetch and the failure's messages are only in the full
     * record.
     */
    @Override
    public RemoteStatus status(RemoteTarget target, String remoteId) {
        RemoteStatus status = translate(calls.answer(target, job(target, remoteId, "/status"), refusals(target)));
        if (status.state() != RemoteState.COMPLETED && !ENDED_WITH_STEPS.contains(status.remoteState())) {
            return status;
        }
        return translate(calls.answer(target, job(target, remoteId, ""), refusals(target)));
    }

    /** Cloudgene cancels with a GET and answers the job, at state 6 once cancelled. */
    @Override
    public RemoteStatus cancel(RemoteTarget target, String remoteId) {
        return translate(calls.answer(target, job(target, remoteId, "/cancel"), refusals(target)));
    }

    /** The share link needs no token: its hash is the secret. */
    @Override
    public <T> T download(RemoteTarget target, RemoteOutput output, Function<InputStream, T> sink) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root(target) + output.location()))
                .GET();
        return calls.download(target, request, refusals(target), sink);
    }

    /** A Cloudgene job record in the platform's terms. */
    static RemoteStatus translate(JsonNode job) {
        int code = job.path("state").asInt(Integer.MIN_VALUE);
        RemoteState state = switch (code) {
            case 1 -> RemoteState.QUEUED;
            case 2, 3 -> RemoteState.RUNNING;
            case 4, 8 -> RemoteState.COMPLETED;
            case 5, 9, -1, 10 -> RemoteState.FAILED;
            case 6, 7 -> RemoteState.CANCELLED;
            default -> RemoteState.UNKNOWN;
        };
        List<JsonNode> steps = job.path("steps").valueStream().toList();
        JsonNode lastStep = steps.isEmpty() ? null : steps.getLast();
        List<String> messages = steps.stream()
                .flatMap(step -> step.path("logMessages").valueStream())
                .map(message -> readable(message.path("message").asString("")))
                .filter(message -> !message.isBlank())
                .toList();
        String lastMessage = lastStep == null
                ? null
                : lastStep.path("logMessages")
                        .valueStream()
                        .reduce((first, second) -> second)
                        .map(message -> readable(message.path("message").asString("")))
                        .orElse(null);
        return new RemoteStatus(
                state,
                job.path("state").asString(""),
                state == RemoteState.QUEUED && job.path("positionInQueue").isNumber()
                        ? job.path("positionInQueue").asInt()
                        : null,
                lastStep == null ? null : lastStep.path("name").asString(null),
                lastMessage,
                state == RemoteState.FAILED ? failureReason(code, messages) : null,
                outputs(job));
    }

    private static String failureReason(int code, List<String> messages) {
        if (code == 10) {
            return "deleted on the remote server";
        }
        if (messages.isEmpty()) {
            return "The job failed on the remote server without a message (an unknown reference panel does this)";
        }
        String reason =
                String.join("\n", messages.subList(Math.max(0, messages.size() - REASON_MESSAGES), messages.size()));
        return reason.length() <= MAX_REASON_CHARS
                ? reason
                : "…" + reason.substring(reason.length() - MAX_REASON_CHARS);
    }

    /** Every file of every downloadable output parameter, as its share link. */
    private static List<RemoteOutput> outputs(JsonNode job) {
        List<RemoteOutput> outputs = new ArrayList<>();
        job.path("outputParams")
                .valueStream()
                .filter(param -> param.path("download").asBoolean(false))
                .flatMap(param -> param.path("files").valueStream())
                .forEach(file -> {
                    String name = file.path("name").asString("");
                    outputs.add(new RemoteOutput(
                            name,
                            "/share/results/"
                                    + RemoteCalls.segment(file.path("hash").asString("")) + "/"
                                    + RemoteCalls.segment(name),
                            declaredSize(file.path("size"))));
                });
        return outputs;
    }

    /** Cloudgene shows sizes for people ("82 MB"); only a count of bytes is exact. */
    static long declaredSize(JsonNode size) {
        if (size.isIntegralNumber()) {
            return size.asLong();
        }
        Matcher exact = EXACT_SIZE.matcher(size.asString("").trim());
        return exact.matches() ? Long.parseLong(exact.group(1)) : -1;
    }

    /** Cloudgene log messages carry a little HTML ({@code <b>}, {@code <br>}). */
    private static String readable(String message) {
        return message.replaceAll("(?i)<br\\s*/?>", "\n")
                .replaceAll("<[^>]*>", "")
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .collect(Collectors.joining("\n"));
    }

    private static Refusals refusals(RemoteTarget target) {
        return (status, answer) -> {
            if (status == 401) {
                return Refusals.invalidToken(target);
            }
            String message = answer.path("message").asString("");
            if (status == 400 && USER_JOB_LIMIT.matcher(message).find()) {
                return new RemoteFailure.Busy(target.displayName() + " is running as many of your jobs as it allows ("
                        + message + "); the job waits for one of them to finish.");
            }
            return Refusals.refused(target, status, message);
        };
    }

    /**
     * The researcher's job name with the platform job's id at its end: readable on the server's own pages, and how
     * {@link #findSubmitted} recognises the job.
     */
    static String jobName(RemoteSubmission submission) {
        return submission.jobName() + marker(submission.jobId());
    }

    private static String marker(UUID jobId) {
        return " [FedImpute " + jobId + "]";
    }

    private static HttpRequest.Builder job(RemoteTarget target, String remoteId, String action) {
        return api(target, "/api/v2/jobs/" + RemoteCalls.segment(remoteId) + action)
                .GET();
    }

    private static HttpRequest.Builder api(RemoteTarget target, String path) {
        if (target.userToken() == null || target.userToken().isBlank()) {
            throw new RemoteFailure.Rejected("You have no token for " + target.displayName()
                    + "; create one there and save it in your FedImpute profile.");
        }
        return HttpRequest.newBuilder(URI.create(root(target) + path))
                .header("X-Auth-Token", target.userToken())
                .header("Accept", "application/json");
    }

    private static String root(RemoteTarget target) {
        return target.baseUrl().replaceAll("/+$", "");
    }
}
