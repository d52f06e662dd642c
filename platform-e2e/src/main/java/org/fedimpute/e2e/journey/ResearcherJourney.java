package org.fedimpute.e2e.journey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.fedimpute.e2e.journey.JourneyProgress.StepFailed;
import org.fedimpute.test.genotypes.SimulatedDataset;
import org.fedimpute.test.local.DemoReferencePanel;

/**
 * One researcher's whole way through the platform, written once and driven by {@code ./platform demo}, by the
 * end-to-end tests and by the container test: register, log in, create an API key (used for every later call), upload
 * the demo genotypes, read their validation, look at the services and panels, submit a job, follow it live to its
 * end, get the completion mail, download and summarise the results, and see the job in monitoring (with the session,
 * as API keys have no monitoring scope). Each step prints
 * what it saw and answers it, so that a test can look closer.
 */
public final class ResearcherJourney implements AutoCloseable {

    /** How many steps {@link #run()} takes. */
    public static final int STEPS = 11;

    private static final String PASSWORD = "a researcher's long passphrase";
    private static final Set<String> JOB_ENDS = Set.of("job.completed", "job.failed", "job.cancelled");

    private final JourneySettings settings;
    private final Gateway gateway;
    private final Mailbox mailbox;
    private final JourneyProgress progress;
    private final String email = "researcher." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";

    private String accessToken;
    private Credential apiKey;
    private SimulatedDataset genotypes;
    private String fileId;
    private String jobId;
    private LiveStream live;
    private Map<String, Object> job;

    public ResearcherJourney(JourneySettings settings, JourneyProgress progress) {
        this.settings = settings;
        this.gateway = new Gateway(settings.gatewayUrl());
        this.mailbox = new Mailbox(settings.imapHost(), settings.imapPort());
        this.progress = progress;
    }

    /**
     * {@code ResearcherJourney --gateway=URL --imap=HOST:PORT --work=DIRECTORY}: the whole journey against a running
     * platform; exits 0 only if every step succeeded.
     */
    public static void main(String[] args) {
        Map<String, String> options = options(args);
        String[] imap = options.getOrDefault("imap", "127.0.0.1:3143").split(":");
        Path work;
        try {
            work = options.containsKey("work")
                    ? Path.of(options.get("work"))
                    : Files.createTempDirectory("fedimpute-journey");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JourneySettings settings = JourneySettings.onTheDemoPanel(
                options.getOrDefault("gateway", "http://localhost:8000"), imap[0], Integer.parseInt(imap[1]), work);
        System.out.println("A researcher's journey through FedImpute at " + settings.gatewayUrl() + " (mail over IMAP "
                + settings.imapHost() + ":" + settings.imapPort() + ", files in " + work + ")");
        int status;
        try (ResearcherJourney journey = new ResearcherJourney(settings, new JourneyProgress(System.out, STEPS))) {
            journey.run();
            System.out.println("Every step succeeded.");
            status = 0;
        } catch (StepFailed failed) {
            System.out.println("The journey stopped at '" + failed.step() + "'.");
            status = 1;
        }
        System.exit(status);
    }

    /** Every step in order; the first that fails ends the journey with {@link StepFailed}. */
    public ResultSummary run() {
        register();
        logIn();
        createApiKey();
        uploadGenotypes();
        readValidationReport();
        listServicesAndPanels();
        submitJob();
        followLive(Duration.ofMinutes(5));
        receiveCompletionMail(Duration.ofMinutes(1));
        ResultSummary results = downloadResults();
        seeInMonitoring(Duration.ofMinutes(1));
        return results;
    }

    public Map<String, Object> register() {
        return progress.step(
                "register",
                () -> Gateway.read(gateway.post(
                        "/api/v1/auth/register",
                        null,
                        Map.of("email", email, "password", PASSWORD, "name", "Mary-Claire King", "institution", "UW"))),
                account -> "account " + account.get("email") + " (" + account.get("role") + ", " + account.get("tier")
                        + ")");
    }

    public String logIn() {
        accessToken = progress.step(
                "log in",
                () -> (String) Gateway.read(
                                gateway.post("/api/v1/auth/login", null, Map.of("email", email, "password", PASSWORD)))
                        .get("accessToken"),
                token -> "an access token (" + token.length() + " characters)");
        return accessToken;
    }

    /** Creates an API key with every scope; from here on every call but monitoring's is made with it. */
    public Credential createApiKey() {
        Map<String, Object> created = progress.step(
                "create an API key",
                () -> {
                    Map<String, Object> key = Gateway.read(gateway.post(
                            "/api/v1/users/me/api-keys", Credential.bearer(accessToken), Map.of("name", "journey")));
                    Map<String, Object> me =
                            Gateway.read(gateway.get("/api/v1/users/me", Credential.apiKey((String) key.get("key"))));
                    if (!email.equals(me.get("email"))) {
                        throw new JourneyFailure("the key identifies " + me.get("email") + ", not " + email);
                    }
                    return key;
                },
                key -> "key with scopes " + ((Map<?, ?>) key.get("details")).get("scopes") + ", accepted as " + email);
        apiKey = Credential.apiKey((String) created.get("key"));
        return apiKey;
    }

    /** Writes the demo genotypes (the demo panel's target array) and uploads them for the chosen build. */
    public Map<String, Object> uploadGenotypes() {
        Map<String, Object> uploaded = progress.step(
                "upload genotypes",
                () -> {
                    genotypes = DemoReferencePanel.writeUnlessPresent(
                            settings.workDirectory().resolve("demo-panel"));
                    return Gateway.read(gateway.upload(
                            "/api/v1/files", apiKey, Map.of("declaredBuild", settings.build()), genotypes.target()));
                },
                file -> file.get("fileName") + ", " + file.get("sizeBytes") + " bytes, validation "
                        + file.get("validationStatus"));
        fileId = (String) uploaded.get("id");
        return uploaded;
    }

    /** The upload's validation report for the job's build; a file the platform would refuse fails the step. */
    public Map<String, Object> readValidationReport() {
        return progress.step(
                "read the validation report",
                () -> {
                    Map<String, Object> report = Waiting.until(
                            Duration.ofMinutes(2),
                            Duration.ofSeconds(1),
                            () -> {
                                HttpResponse<String> answer = gateway.get(
                                        "/api/v1/files/" + fileId + "/validation?build=" + settings.build(), apiKey);
                                return answer.statusCode() == 409
                                        ? Optional.empty()
                                        : Optional.of(Gateway.read(answer));
                            },
                            () -> "the file is still being validated");
                    if ("INVALID".equals(report.get("verdict"))) {
                        throw new JourneyFailure("the file is invalid: " + report.get("findings"));
                    }
                    return report;
                },
                report -> report.get("verdict") + ": " + report.get("sampleCount") + " samples, "
                        + report.get("variantCount") + " variants, build detected "
                        + ((Map<?, ?>) report.get("build")).get("detected") + ", "
                        + ((List<?>) report.get("findings")).size() + " findings");
    }

    /** The services offered and the chosen service's panels; the chosen service and panel must be among them. */
    public Map<String, List<String>> listServicesAndPanels() {
        return progress.step(
                "list services and panels",
                () -> {
                    List<String> services = values(gateway.get("/api/v1/services?size=100", apiKey), "slug");
                    if (!services.contains(settings.service())) {
                        throw new JourneyFailure(settings.service() + " is not offered; offered are " + services);
                    }
                    List<String> panels = values(
                            gateway.get("/api/v1/reference-panels?service=" + settings.service(), apiKey), "remoteKey");
                    if (!panels.contains(settings.panel())) {
                        throw new JourneyFailure(
                                settings.service() + " has no panel " + settings.panel() + "; it has " + panels);
                    }
                    return Map.of("services", services, "panels", panels);
                },
                found -> found.get("services").size() + " services " + found.get("services") + "; panels of "
                        + settings.service() + ": " + found.get("panels"));
    }

    /** Opens the live stream, so that nothing is missed, then submits the job on the uploaded file. */
    public String submitJob() {
        Map<String, Object> submitted = progress.step(
                "submit an imputation job",
                () -> {
                    live = LiveStream.open(gateway, apiKey, null);
                    return Gateway.read(gateway.post(
                            "/api/v1/jobs",
                            apiKey,
                            Map.of(
                                    "name", "journey on " + settings.panel(),
                                    "service", settings.service(),
                                    "referencePanel", settings.panel(),
                                    "build", settings.build(),
                                    "fileIds", List.of(fileId))));
                },
                job -> "job " + job.get("id") + " on " + settings.service() + "/" + settings.panel() + ", "
                        + job.get("status"));
        jobId = (String) submitted.get("id");
        return jobId;
    }

    /** Follows the job on the live stream until its end; anything but completion fails the step with the reason. */
    public List<LiveStream.Event> followLive(Duration timeout) {
        List<LiveStream.Event> followed = progress.step(
                "follow the job live",
                () -> {
                    List<LiveStream.Event> events = live.awaitAnyOf(JOB_ENDS, timeout);
                    job = Gateway.read(gateway.get("/api/v1/jobs/" + jobId, apiKey));
                    if (!"COMPLETED".equals(job.get("status"))) {
                        throw new JourneyFailure(
                                "the job ended " + job.get("status") + ": " + job.get("failureReason"));
                    }
                    return events;
                },
                events -> events.stream()
                                .map(LiveStream.Event::type)
                                .filter(type -> type.startsWith("job."))
                                .collect(Collectors.joining(" → "))
                        + " (" + events.size() + " events)");
        return followed;
    }

    public Mailbox.Mail receiveCompletionMail(Duration timeout) {
        return progress.step(
                "receive the completion mail",
                () -> mailbox.await(email, "completed", timeout),
                mail -> "\"" + mail.subject() + "\"");
    }

    /** Downloads every result of the completed job and summarises the imputed genotypes. */
    public ResultSummary downloadResults() {
        return progress.step(
                "download the results",
                () -> {
                    Map<String, Path> files = new LinkedHashMap<>();
                    for (Object resultId : (List<?>) job.get("resultFileIds")) {
                        Map<String, Object> record = Gateway.read(gateway.get("/api/v1/files/" + resultId, apiKey));
                        String name = (String) record.get("fileName");
                        files.put(
                                name,
                                gateway.download(
                                        "/api/v1/files/" + resultId + "/content",
                                        apiKey,
                                        settings.workDirectory()
                                                .resolve("results")
                                                .resolve(jobId)
                                                .resolve(name)));
                    }
                    return ResultSummary.of(files);
                },
                results -> results.files().size() + " files; " + results.samples() + " samples, "
                        + results.variants() + " variants, mean R² "
                        + String.format(Locale.ROOT, "%.3f", results.meanRsq()));
    }

    /**
     * Waits until monitoring counts a job completed in the last hour, asked with the signed-in session as a browser's
     * dashboard asks (a script's API key with {@code monitoring:read} may ask too).
     */
    public Map<?, ?> seeInMonitoring(Duration timeout) {
        return progress.step(
                "see it in monitoring",
                () -> {
                    Object[] last = {"no answer yet"};
                    return Waiting.until(
                            timeout,
                            Duration.ofSeconds(2),
                            () -> {
                                HttpResponse<String> answer = gateway.get("/api/v1/monitoring/overview", session());
                                if (answer.statusCode() != 200) {
                                    last[0] = answer.statusCode() + " " + answer.body();
                                    return Optional.empty();
                                }
                                Map<?, ?> jobs =
                                        (Map<?, ?>) Gateway.read(answer).get("jobs");
                                last[0] = jobs;
                                return jobs != null
                                                && jobs.get("completedLastHour") instanceof Number completed
                                                && completed.longValue() >= 1
                                        ? Optional.of(jobs)
                                        : Optional.empty();
                            },
                            () -> "GET /api/v1/monitoring/overview never counted a completed job; last answer: "
                                    + last[0]);
                },
                jobs -> "jobs queued " + jobs.get("queued") + ", running " + jobs.get("running")
                        + ", completed in the last hour " + jobs.get("completedLastHour") + ", failed "
                        + jobs.get("failedLastHour"));
    }

    public Gateway gateway() {
        return gateway;
    }

    public String email() {
        return email;
    }

    public Credential apiKey() {
        return apiKey;
    }

    /** The session that {@link #logIn()} opened. */
    public Credential session() {
        return Credential.bearer(accessToken);
    }

    public SimulatedDataset genotypes() {
        return genotypes;
    }

    public String jobId() {
        return jobId;
    }

    /** The job as it was when it ended. */
    public Map<String, Object> job() {
        return job;
    }

    @Override
    public void close() {
        if (live != null) {
            try {
                live.close();
            } catch (IOException | InterruptedException e) {
                // The stream is closed either way; nothing more to do at the end of the journey.
            }
        }
    }

    /** The {@code field} of every item of an answer that is a page ({@code items}) or a plain list. */
    private static List<String> values(HttpResponse<String> answer, String field) {
        if (answer.statusCode() >= 300) {
            Gateway.read(answer);
        }
        Object body = Gateway.JSON.readValue(answer.body(), Object.class);
        List<?> items = body instanceof Map<?, ?> page ? (List<?>) page.get("items") : (List<?>) body;
        return items.stream()
                .map(item -> String.valueOf(((Map<?, ?>) item).get(field)))
                .toList();
    }

    /** {@code --name=value} arguments by name. */
    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException(
                        "usage: ResearcherJourney --gateway=URL --imap=HOST:PORT [--work=DIRECTORY]; not " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }
}
