package org.fedimpute.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fedimpute.e2e.E2eHttp.read;
import static org.fedimpute.e2e.E2eHttp.send;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import htsjdk.variant.variantcontext.Genotype;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFFileReader;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fedimpute.test.genotypes.BeagleCommand;
import org.fedimpute.test.genotypes.GenotypeSimulation;
import org.fedimpute.test.genotypes.SimulatedDataset;
import org.fedimpute.test.infra.DedicatedRedis;
import org.fedimpute.test.infra.EmbeddedInfra;
import org.fedimpute.test.infra.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * A researcher's imputation from upload to results, on the platform's own imputation node, every call through the
 * gateway: user-service, service-registry (seeding the node and its panel as local mode does), file-manager,
 * job-processor, the imputation node, notification-service and the gateway run from their jars as separate processes;
 * job-processor's WES client drives the node over HTTP and the node runs Beagle; the researcher follows the job on the
 * live stream, resumes it after a lost connection, and gets the completion mail. Skipped, with the reason, where the jars are not built or
 * Beagle is not installed.
 */
class ImputationJourneyTests {

    private static final String PASSWORD = "a researcher's passphrase";
    private static final String HUB_TOKEN = "e2e-hub-token-for-its-node";
    private static final String PANEL = "synthetic-chr20";
    /**
     * The least share of the masked genotypes the journey must get right. The simulated population is built so that
     * Beagle scores about 0.97 at the masked sites on this panel (the node's own tests measure it); 0.9 leaves room for
     * the engine's randomness and still fails if positions, alleles or samples were mixed up on the way.
     */
    private static final double MIN_CONCORDANCE = 0.9;

    private static final List<String> MODULES = List.of(
            "user-service",
            "service-registry",
            "file-manager",
            "job-processor",
            "imputation-node",
            "notification-service",
            "api-gateway");

    private static final JsonMapper json = E2eHttp.JSON;
    private static final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    static Path work;

    private static DedicatedRedis redis;
    private static final List<ServiceProcess> started = new ArrayList<>();
    private static ServiceProcess gateway;
    private static GreenMail smtp;
    private static SimulatedDataset data;

    @BeforeAll
    static void startThePlatformWithItsNode() throws Exception {
        assumeTrue(
                MODULES.stream().allMatch(module -> Files.exists(ServiceProcess.jarOf(module))),
                "service jars not built: run ./mvnw verify (the package phase builds them)");
        assumeTrue(BeagleCommand.installed(), "Beagle is not installed (Debian package beagle)");
        data = GenotypeSimulation.builder()
                .seed(7)
                .chromosome("chr20")
                .genomeBuild("GRCh38")
                .referenceSamples(150)
                .targetSamples(10)
                .variantSites(2_000)
                .build()
                .writeTo(work.resolve("panel"));
        redis = DedicatedRedis.start();
        String redisPort = Integer.toString(redis.port());
        int usersPort = FreePorts.find();
        int registryPort = FreePorts.find();
        int filesPort = FreePorts.find();
        int jobsPort = FreePorts.find();
        int nodePort = FreePorts.find();
        int notificationsPort = FreePorts.find();
        int gatewayPort = FreePorts.find();
        smtp = new GreenMail(new ServerSetup(FreePorts.find(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        String jwks = "http://127.0.0.1:" + usersPort + "/.well-known/jwks.json";
        String tokenUri = "http://127.0.0.1:" + usersPort + "/internal/service-tokens";
        String secretsKey = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

        Map<String, String> usersEnvironment = database("users", redisPort);
        usersEnvironment.put("FEDIMPUTE_USERS_SECRETS_KEY", secretsKey);
        usersEnvironment.put("FEDIMPUTE_AUTHENTICATION_BCRYPT_COST", "4");
        usersEnvironment.put("FEDIMPUTE_USERS_REGISTRY_URL", "http://127.0.0.1:" + registryPort);
        usersEnvironment.put(
                "SPRING_APPLICATION_JSON",
                json.writeValueAsString(Map.of(
                        "fedimpute",
                        Map.of(
                                "users",
                                Map.of(
                                        "service-clients",
                                        Map.of(
                                                "file-manager", "e2e-files-secret",
                                                "job-processor", "e2e-jobs-secret",
                                                "notification-service", "e2e-notifications-secret"))))));

        Map<String, String> registryEnvironment = database("registry", redisPort);
        registryEnvironment.put("FEDIMPUTE_REGISTRY_SECRETS_KEY", secretsKey);
        registryEnvironment.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", jwks);
        registryEnvironment.put(
                "SPRING_APPLICATION_JSON",
                json.writeValueAsString(Map.of(
                        "fedimpute",
                        Map.of(
                                "registry",
                                Map.of(
                                        "seed",
                                        Map.of(
                                                "enabled",
                                                true,
                                                "services",
                                                List.of(Map.of(
                                                        "service",
                                                        Map.of(
                                                                "slug",
                                                                "local-node",
                                                                "name",
                                                                "E2E imputation node",
                                                                "kind",
                                                                "GA4GH_WES",
                                                                "base-url",
                                                                "http://127.0.0.1:" + nodePort + "/ga4gh/wes/v1",
                                                                "supported-builds",
                                                                List.of("hg38"),
                                                                "input-formats",
                                                                List.of("vcf.gz"),
                                                                "requires-user-token",
                                                                false),
                                                        "panels",
                                                        List.of(Map.of(
                                                                "remote-key",
                                                                PANEL,
                                                                "display-name",
                                                                "Synthetic chr20",
                                                                "build",
                                                                "hg38",
                                                                "populations",
                                                                List.of("synthetic")))))))))));

        Map<String, String> filesEnvironment = database("files", redisPort);
        filesEnvironment.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", jwks);
        filesEnvironment.put("FEDIMPUTE_SERVICE_CLIENT_SECRET", "e2e-files-secret");
        filesEnvironment.put("FEDIMPUTE_SERVICE_CLIENT_TOKEN_URI", tokenUri);
        filesEnvironment.put("FEDIMPUTE_FILES_REGISTRY_URL", "http://127.0.0.1:" + registryPort);
        filesEnvironment.put(
                "FEDIMPUTE_FILES_STORAGE_LOCAL_ROOT", work.resolve("files").toString());
        filesEnvironment.put("FEDIMPUTE_FILES_LINKS_SECRET", secretsKey);

        Map<String, String> jobsEnvironment = database("jobs", redisPort);
        jobsEnvironment.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", jwks);
        jobsEnvironment.put("FEDIMPUTE_SERVICE_CLIENT_SECRET", "e2e-jobs-secret");
        jobsEnvironment.put("FEDIMPUTE_SERVICE_CLIENT_TOKEN_URI", tokenUri);
        jobsEnvironment.put("FEDIMPUTE_JOBS_SECRETS_KEY", secretsKey);
        jobsEnvironment.put("FEDIMPUTE_JOBS_REGISTRY_URL", "http://127.0.0.1:" + registryPort);
        jobsEnvironment.put("FEDIMPUTE_JOBS_USERS_URL", "http://127.0.0.1:" + usersPort);
        jobsEnvironment.put("FEDIMPUTE_JOBS_FILES_URL", "http://127.0.0.1:" + filesPort);
        jobsEnvironment.put("FEDIMPUTE_JOBS_POLL_INTERVAL", "1s");
        jobsEnvironment.put("FEDIMPUTE_JOBS_MAX_POLL_INTERVAL", "2s");
        jobsEnvironment.put("DB_SCHEDULER_POLLING_INTERVAL", "1s");
        jobsEnvironment.put(
                "SPRING_APPLICATION_JSON",
                json.writeValueAsString(Map.of(
                        "fedimpute",
                        Map.of(
                                "jobs",
                                Map.of(
                                        "remote",
                                        Map.of("wes", Map.of("node-tokens", Map.of("local-node", HUB_TOKEN))))))));

        Map<String, String> nodeEnvironment = database("node", redisPort);
        nodeEnvironment.put(
                "SPRING_APPLICATION_JSON",
                json.writeValueAsString(Map.of(
                        "fedimpute",
                        Map.of(
                                "node",
                                Map.of(
                                        "runs",
                                        Map.of("work-root", work.resolve("runs").toString()),
                                        "hubs",
                                        List.of(Map.of("name", "e2e-hub", "token-sha256", sha256(HUB_TOKEN))),
                                        "panels",
                                        List.of(Map.of(
                                                "id",
                                                PANEL,
                                                "display-name",
                                                "Synthetic chr20",
                                                "build",
                                                "hg38",
                                                "populations",
                                                List.of("synthetic"),
                                                "chromosomes",
                                                List.of(Map.of(
                                                        "chromosome", "chr20",
                                                        "reference",
                                                                data.reference().toString(),
                                                        "genetic-map",
                                                                data.geneticMap()
                                                                        .toString())))))))));

        Map<String, String> notificationsEnvironment = database("notifications", redisPort);
        notificationsEnvironment.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", jwks);
        notificationsEnvironment.put("FEDIMPUTE_SERVICE_CLIENT_SECRET", "e2e-notifications-secret");
        notificationsEnvironment.put("FEDIMPUTE_SERVICE_CLIENT_TOKEN_URI", tokenUri);
        notificationsEnvironment.put("FEDIMPUTE_NOTIFICATIONS_USERS_URL", "http://127.0.0.1:" + usersPort);
        notificationsEnvironment.put("SPRING_MAIL_HOST", "127.0.0.1");
        notificationsEnvironment.put(
                "SPRING_MAIL_PORT", Integer.toString(smtp.getSmtp().getPort()));

        Map<String, String> gatewayEnvironment = new HashMap<>(Map.of(
                "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", jwks,
                "SPRING_DATA_REDIS_PORT", redisPort,
                "FEDIMPUTE_GATEWAY_API_KEYS_CLIENT_SECRET", "e2e-gateway-secret",
                "FEDIMPUTE_GATEWAY_UPSTREAM_USERS", "http://127.0.0.1:" + usersPort,
                "FEDIMPUTE_GATEWAY_UPSTREAM_REGISTRY", "http://127.0.0.1:" + registryPort,
                "FEDIMPUTE_GATEWAY_UPSTREAM_FILES", "http://127.0.0.1:" + filesPort,
                "FEDIMPUTE_GATEWAY_UPSTREAM_JOBS", "http://127.0.0.1:" + jobsPort,
                "FEDIMPUTE_GATEWAY_UPSTREAM_NOTIFICATIONS", "http://127.0.0.1:" + notificationsPort));

        ServiceProcess.awaitAllReady(
                Duration.ofSeconds(240),
                start("user-service", usersPort, usersEnvironment),
                start("service-registry", registryPort, registryEnvironment),
                start("file-manager", filesPort, filesEnvironment),
                start("job-processor", jobsPort, jobsEnvironment),
                start("imputation-node", nodePort, nodeEnvironment),
                start("notification-service", notificationsPort, notificationsEnvironment),
                gateway = start("api-gateway", gatewayPort, gatewayEnvironment));
    }

    @AfterAll
    static void stopIt() throws Exception {
        for (ServiceProcess service : started.reversed()) {
            service.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void aResearcherFollowsAnImputationOnTheNodeLiveAndGetsResultsThatAgreeWithTheTruth() throws Exception {
        String email = "e2e." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String token = researcher(email);
        String other = researcher("e2e.other." + UUID.randomUUID().toString().substring(0, 8) + "@example.org");
        try (LiveStream live = LiveStream.open(gateway.baseUrl(), token, null);
                LiveStream othersLive = LiveStream.open(gateway.baseUrl(), other, null)) {
            Map<String, Object> upload = read(send(multipart(
                    gateway.baseUrl() + "/api/v1/files", token, Map.of("declaredBuild", "hg38"), data.target())));
            Map<String, Object> submitted = read(send(json(
                    gateway.baseUrl() + "/api/v1/jobs",
                    token,
                    Map.of(
                            "name", "e2e chr20",
                            "service", "local-node",
                            "referencePanel", PANEL,
                            "build", "hg38",
                            "fileIds", List.of(upload.get("id"))))));
            String jobId = (String) submitted.get("id");

            Map<String, Object> job = awaitEnd(jobId, token, Duration.ofMinutes(3));
            assertThat(job.get("status")).as("job %s", job).isEqualTo("COMPLETED");
            List<LiveStream.Event> followed = live.awaitEvent("job.completed", Duration.ofSeconds(30));
            assertThat(followed)
                    .extracting(LiveStream.Event::type)
                    .containsSubsequence("job.submitted", "job.queued", "job.completed");
            assertThat(followed).extracting(LiveStream.Event::id).isSorted();
            assertThat(followed)
                    .filteredOn(event -> event.type().startsWith("job."))
                    .allSatisfy(event -> assertThat(event.data()).contains(jobId));
            assertThat(othersLive.received())
                    .noneSatisfy(event -> assertThat(event.data()).contains(jobId));

            // A client that lost its connection after the first event gets the rest, once, through the gateway.
            try (LiveStream resumed = LiveStream.open(
                    gateway.baseUrl(), token, followed.getFirst().id())) {
                List<LiveStream.Event> missed = resumed.awaitEvent("job.completed", Duration.ofSeconds(30));
                assertThat(missed)
                        .extracting(LiveStream.Event::id)
                        .containsExactlyElementsOf(followed.subList(1, followed.size()).stream()
                                .map(LiveStream.Event::id)
                                .toList());
            }

            awaitMail(email, "completed", Duration.ofSeconds(60));

            @SuppressWarnings("unchecked")
            List<String> results = (List<String>) job.get("resultFileIds");
            Map<String, Path> downloaded = new HashMap<>();
            for (String resultId : results) {
                Map<String, Object> record = read(send(get(gateway.baseUrl() + "/api/v1/files/" + resultId, token)));
                Path file = work.resolve("results").resolve((String) record.get("fileName"));
                Files.createDirectories(file.getParent());
                HttpResponse<Path> content = http.send(
                        get(gateway.baseUrl() + "/api/v1/files/" + resultId + "/content", token),
                        HttpResponse.BodyHandlers.ofFile(file));
                assertThat(content.statusCode()).isEqualTo(200);
                downloaded.put(file.getFileName().toString(), file);
            }
            assertThat(downloaded).containsKeys("chr20.dose.vcf.gz", "chr20.dose.vcf.gz.tbi", "chr20.info.gz");
            assertImputedAgreesWithTheTruth(downloaded.get("chr20.dose.vcf.gz"));
        }
    }

    /** Waits for a mail to {@code address} whose subject says {@code saying}; failing, lists the mails there are. */
    private static void awaitMail(String address, String saying, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            seen.clear();
            for (MimeMessage mail : smtp.getReceivedMessages()) {
                List<String> to = Arrays.stream(mail.getAllRecipients())
                        .map(recipient -> ((InternetAddress) recipient).getAddress())
                        .toList();
                if (to.contains(address) && mail.getSubject().contains(saying)) {
                    return;
                }
                seen.add(to + ": " + mail.getSubject());
            }
            Thread.sleep(500);
        }
        throw new AssertionError(
                "no mail to " + address + " saying '" + saying + "' within " + timeout + "; got " + seen);
    }

    /** Every panel marker imputed, dosages in [0, 2], and the genotypes the array did not type mostly right. */
    private static void assertImputedAgreesWithTheTruth(Path imputed) {
        Map<Integer, VariantContext> truth = new HashMap<>();
        try (VCFFileReader reader = new VCFFileReader(data.truth(), false)) {
            reader.forEach(variant -> truth.put(variant.getStart(), variant));
        }
        Set<Integer> typed = new HashSet<>();
        try (VCFFileReader reader = new VCFFileReader(data.target(), false)) {
            reader.forEach(variant -> typed.add(variant.getStart()));
        }
        int compared = 0;
        int agreeing = 0;
        Set<Integer> seen = new HashSet<>();
        try (VCFFileReader reader = new VCFFileReader(imputed, false)) {
            for (VariantContext variant : reader) {
                seen.add(variant.getStart());
                VariantContext expected = truth.get(variant.getStart());
                for (Genotype genotype : variant.getGenotypes()) {
                    double dosage = Double.parseDouble(
                            genotype.getExtendedAttribute("DS").toString());
                    assertThat(dosage).isBetween(0.0, 2.0);
                    if (expected != null && !typed.contains(variant.getStart())) {
                        compared++;
                        Genotype truthful = expected.getGenotype(genotype.getSampleName());
                        if (truthful.getAlleles().stream()
                                        .filter(allele -> allele.isNonReference())
                                        .count()
                                == genotype.getAlleles().stream()
                                        .filter(allele -> allele.isNonReference())
                                        .count()) {
                            agreeing++;
                        }
                    }
                }
            }
        }
        assertThat(seen).containsAll(truth.keySet());
        assertThat(compared).isPositive();
        assertThat((double) agreeing / compared).isGreaterThan(MIN_CONCORDANCE);
    }

    private static Map<String, Object> awaitEnd(String jobId, String token, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> job;
        do {
            Thread.sleep(1_000);
            job = read(send(get(gateway.baseUrl() + "/api/v1/jobs/" + jobId, token)));
        } while (List.of("PENDING", "QUEUED", "RUNNING").contains(job.get("status")) && System.nanoTime() < deadline);
        return job;
    }

    private static Map<String, String> database(String schema, String redisPort) {
        EmbeddedInfra.DatabaseAccess database = EmbeddedInfra.createDatabase("imputation_journey_" + schema, schema);
        Map<String, String> environment = new HashMap<>();
        environment.put("SPRING_DATASOURCE_URL", database.jdbcUrl());
        environment.put("SPRING_DATASOURCE_PASSWORD", database.password());
        environment.put("SPRING_DATA_REDIS_PORT", redisPort);
        return environment;
    }

    private static ServiceProcess start(String module, int port, Map<String, String> environment) throws IOException {
        ServiceProcess service = ServiceProcess.start(module, port, environment);
        started.add(service);
        return service;
    }

    private static String researcher(String email) {
        read(send(json(
                gateway.baseUrl() + "/api/v1/auth/register",
                null,
                Map.of("email", email, "password", PASSWORD, "name", "Mary-Claire King", "institution", "UW"))));
        return (String) read(send(json(
                        gateway.baseUrl() + "/api/v1/auth/login", null, Map.of("email", email, "password", PASSWORD))))
                .get("accessToken");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
    }

    private static HttpRequest json(String url, String token, Map<String, ?> body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private static HttpRequest multipart(String url, String token, Map<String, String> fields, Path file)
            throws IOException {
        String boundary = "fedimpute-e2e-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                            + "\"\r\n\r\n" + field.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                        + file.getFileName() + "\"\r\nContent-Type: application/gzip\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(file));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
    }
}
