package org.fedimpute.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fedimpute.e2e.journey.Credential;
import org.fedimpute.e2e.journey.Gateway;
import org.fedimpute.e2e.journey.JourneyProgress;
import org.fedimpute.e2e.journey.JourneySettings;
import org.fedimpute.e2e.journey.ResearcherJourney;
import org.fedimpute.test.genotypes.SimulatedDataset;
import org.fedimpute.test.infra.DedicatedRedis;
import org.fedimpute.test.infra.EmbeddedInfra;
import org.fedimpute.test.infra.FreePorts;
import org.fedimpute.test.infra.PostgresServer;
import org.fedimpute.test.local.DemoReferencePanel;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform a researcher uses, started once for every test class that asks for it (CI time matters): the services
 * and the imputation node from their jars as separate processes on a real PostgreSQL and Redis of their own (both
 * keep their data on disk, so that fault tests can stop and restart them as production's would be), GreenMail
 * catching mail (SMTP in, IMAP out), local mode's node and demo panel seeded in the registry, and a first admin. Test classes
 * take it as a parameter of their {@code @BeforeAll} through {@link Resolver}; JUnit stops it after the last one.
 * Skipped, with the reason, when the jars have not been built (as in {@code ./mvnw test}).
 */
final class E2ePlatform implements AutoCloseable {

    static final String ADMIN_EMAIL = "root@fedimpute.e2e";
    static final String ADMIN_PASSWORD = "end to end admin passphrase";
    /** How long a server may be unreachable before its jobs fail; short, so that a server dying fails a job soon. */
    static final Duration REMOTE_GONE_LIMIT = Duration.ofSeconds(15);

    private static final String HUB_TOKEN = "e2e-hub-token-for-its-node";
    private static final String SECRETS_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final List<String> MODULES = List.of(
            "user-service",
            "service-registry",
            "file-manager",
            "job-processor",
            "imputation-node",
            "notification-service",
            "monitoring-service",
            "api-gateway");
    private static final JsonMapper json = Gateway.JSON;

    private final Path work;
    private final List<ServiceProcess> started = new ArrayList<>();
    private PostgresServer postgres;
    private DedicatedRedis redis;
    private GreenMail mail;
    private SimulatedDataset demo;
    private ServiceProcess gateway;
    private ServiceProcess node;

    private E2ePlatform(Path work) {
        this.work = work;
    }

    /** Resolves an {@link E2ePlatform} parameter with the one platform of the test run, starting it the first time. */
    static final class Resolver implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == E2ePlatform.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            assumeTrue(
                    MODULES.stream().allMatch(module -> Files.exists(ServiceProcess.jarOf(module))),
                    "service jars not built: run ./mvnw verify (the package phase builds them)");
            return context.getRoot()
                    .getStore(ExtensionContext.Namespace.GLOBAL)
                    .computeIfAbsent(E2ePlatform.class, key -> start(), E2ePlatform.class);
        }
    }

    private static E2ePlatform start() {
        try {
            E2ePlatform platform = new E2ePlatform(Files.createTempDirectory("fedimpute-e2e"));
            platform.startEverything();
            return platform;
        } catch (IOException e) {
            throw new IllegalStateException("the platform could not be started", e);
        }
    }

    private void startEverything() throws IOException {
        demo = DemoReferencePanel.writeUnlessPresent(work.resolve("demo-panel"));
        postgres = PostgresServer.startRestartable(work.resolve("postgres"));
        redis = DedicatedRedis.startPersistent(Files.createDirectories(work.resolve("redis")));
        String redisPort = Integer.toString(redis.port());
        mail = new GreenMail(new ServerSetup[] {
                    new ServerSetup(FreePorts.find(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                    new ServerSetup(FreePorts.find(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
                })
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        mail.start();
        int usersPort = FreePorts.find();
        int registryPort = FreePorts.find();
        int filesPort = FreePorts.find();
        int jobsPort = FreePorts.find();
        int nodePort = FreePorts.find();
        int notificationsPort = FreePorts.find();
        int monitoringPort = FreePorts.find();
        int gatewayPort = FreePorts.find();
        String jwks = "http://127.0.0.1:" + usersPort + "/.well-known/jwks.json";
        String tokenUri = "http://127.0.0.1:" + usersPort + "/internal/service-tokens";

        Map<String, String> users = database("users", redisPort);
        users.put("FEDIMPUTE_USERS_SECRETS_KEY", SECRETS_KEY);
        users.put("FEDIMPUTE_AUTHENTICATION_BCRYPT_COST", "4");
        users.put("FEDIMPUTE_USERS_REGISTRY_URL", "http://127.0.0.1:" + registryPort);
        users.put(
                "SPRING_APPLICATION_JSON",
                json.writeValueAsString(Map.of(
                        "fedimpute",
                        Map.of(
                                "users",
                                Map.of(
                                        "service-clients",
                                        Map.of(
                                                "api-gateway", "e2e-gateway-secret",
                                                "file-manager", "e2e-files-secret",
                                                "job-processor", "e2e-jobs-secret",
                                                "notification-service", "e2e-notifications-secret",
                                                "monitoring-service", "e2e-monitoring-secret"),
                                        "first-admin",
                                        Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD))))));

        Map<String, String> registry = database("registry", redisPort);
        registry.put("FEDIMPUTE_REGISTRY_SECRETS_KEY", SECRETS_KEY);
        // Health cycles soon and often, so that the node's health (and its metrics) is known within the test.
        registry.put("FEDIMPUTE_REGISTRY_HEALTH_INITIAL_DELAY", "5s");
        registry.put("FEDIMPUTE_REGISTRY_HEALTH_INTERVAL", "20s");
        registry.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", jwks);
        registry.put(
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
                                                                "remote-key", "synthetic-chr20",
                                                                "display-name", "Synthetic chr20",
                                                                "build", "hg38",
                                                                "populations", List.of("synthetic")))))))))));

        Map<String, String> files = database("files", redisPort);
        files.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", jwks);
        files.put("FEDIMPUTE_SERVICE_CLIENT_SECRET", "e2e-files-secret");
        files.put("FEDIMPUTE_SERVICE_CLIENT_TOKEN_URI", tokenUri);
        files.put("FEDIMPUTE_FILES_REGISTRY_URL", "http://127.0.0.1:" + registryPort);
        files.put("FEDIMPUTE_FILES_STORAGE_LOCAL_ROOT", work.resolve("files").toString());
        files.put("FEDIMPUTE_FILES_LINKS_SECRET", SECRETS_KEY);

        Map<String, String> jobs = database("jobs", redisPort);
        jobs.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", jwks);
        jobs.put("FEDIMPUTE_SERVICE_CLIENT_SECRET", "e2e-jobs-secret");
        jobs.put("FEDIMPUTE_SERVICE_CLIENT_TOKEN_URI", tokenUri);
        jobs.put("FEDIMPUTE_JOBS_SECRETS_KEY", SECRETS_KEY);
        jobs.put("FEDIMPUTE_JOBS_REGISTRY_URL", "http://127.0.0.1:" + registryPort);
        jobs.put("FEDIMPUTE_JOBS_USERS_URL", "http://127.0.0.1:" + usersPort);
        jobs.put("FEDIMPUTE_JOBS_FILES_URL", "http://127.0.0.1:" + filesPort);
        jobs.put("FEDIMPUTE_JOBS_POLL_INTERVAL", "1s");
        jobs.put("FEDIMPUTE_JOBS_MAX_POLL_INTERVAL", "2s");
        jobs.put("FEDIMPUTE_JOBS_REMOTE_GONE_LIMIT", REMOTE_GONE_LIMIT.getSeconds() + "s");
        jobs.put("DB_SCHEDULER_POLLING_INTERVAL", "1s");
        jobs.put(
                "SPRING_APPLICATION_JSON",
                json.writeValueAsString(Map.of(
                        "fedimpute",
                        Map.of(
                                "jobs",
                                Map.of(
                                        "remote",
                                        Map.of("wes", Map.of("node-tokens", Map.of("local-node", HUB_TOKEN))))))));

        Map<String, String> imputationNode = database("node", redisPort);
        imputationNode.put(
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
                                                "id", "synthetic-chr20",
                                                "display-name", "Synthetic chr20",
                                                "build", "hg38",
                                                "populations", List.of("synthetic"),
                                                "chromosomes",
                                                        List.of(Map.of(
                                                                "chromosome", "chr20",
                                                                "reference",
                                                                        demo.reference()
                                                                                .toString(),
                                                                "genetic-map",
                                                                        demo.geneticMap()
                                                                                .toString())))))))));

        Map<String, String> notifications = database("notifications", redisPort);
        notifications.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", jwks);
        notifications.put("FEDIMPUTE_SERVICE_CLIENT_SECRET", "e2e-notifications-secret");
        notifications.put("FEDIMPUTE_SERVICE_CLIENT_TOKEN_URI", tokenUri);
        notifications.put("FEDIMPUTE_NOTIFICATIONS_USERS_URL", "http://127.0.0.1:" + usersPort);
        notifications.put("SPRING_MAIL_HOST", "127.0.0.1");
        notifications.put("SPRING_MAIL_PORT", Integer.toString(mail.getSmtp().getPort()));

        Map<String, String> monitoring = database("monitoring", redisPort);
        monitoring.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", jwks);
        monitoring.put("FEDIMPUTE_SERVICE_CLIENT_SECRET", "e2e-monitoring-secret");
        monitoring.put("FEDIMPUTE_SERVICE_CLIENT_TOKEN_URI", tokenUri);
        monitoring.put("FEDIMPUTE_MONITORING_REGISTRY_URL", "http://127.0.0.1:" + registryPort);
        monitoring.put("FEDIMPUTE_MONITORING_FILES_URL", "http://127.0.0.1:" + filesPort);
        monitoring.put("FEDIMPUTE_MONITORING_POLL_INTERVAL", "5s");
        Map<String, Integer> polled = new LinkedHashMap<>();
        polled.put("user-service", usersPort);
        polled.put("service-registry", registryPort);
        polled.put("file-manager", filesPort);
        polled.put("job-processor", jobsPort);
        polled.put("imputation-node", nodePort);
        polled.put("notification-service", notificationsPort);
        polled.put("monitoring-service", monitoringPort);
        polled.put("api-gateway", gatewayPort);
        monitoring.put(
                "SPRING_APPLICATION_JSON",
                json.writeValueAsString(Map.of(
                        "fedimpute",
                        Map.of(
                                "monitoring",
                                Map.of(
                                        "services",
                                        polled.entrySet().stream()
                                                .map(service -> Map.of(
                                                        "name",
                                                        service.getKey(),
                                                        "base-url",
                                                        "http://127.0.0.1:" + service.getValue()))
                                                .toList())))));

        Map<String, String> front = new HashMap<>(Map.of(
                "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", jwks,
                "SPRING_DATA_REDIS_PORT", redisPort,
                "FEDIMPUTE_GATEWAY_API_KEYS_CLIENT_SECRET", "e2e-gateway-secret",
                "FEDIMPUTE_GATEWAY_RATE_LIMIT_FREE", "100000",
                "FEDIMPUTE_GATEWAY_UPSTREAM_USERS", "http://127.0.0.1:" + usersPort,
                "FEDIMPUTE_GATEWAY_UPSTREAM_REGISTRY", "http://127.0.0.1:" + registryPort,
                "FEDIMPUTE_GATEWAY_UPSTREAM_FILES", "http://127.0.0.1:" + filesPort,
                "FEDIMPUTE_GATEWAY_UPSTREAM_JOBS", "http://127.0.0.1:" + jobsPort,
                "FEDIMPUTE_GATEWAY_UPSTREAM_NOTIFICATIONS", "http://127.0.0.1:" + notificationsPort,
                "FEDIMPUTE_GATEWAY_UPSTREAM_MONITORING", "http://127.0.0.1:" + monitoringPort));
        front.put("FEDIMPUTE_GATEWAY_RATE_LIMIT_PREMIUM", "100000");

        ServiceProcess.awaitAllReady(
                Duration.ofSeconds(300),
                start("user-service", usersPort, users),
                start("service-registry", registryPort, registry),
                start("file-manager", filesPort, files),
                start("job-processor", jobsPort, jobs),
                node = start("imputation-node", nodePort, imputationNode),
                start("notification-service", notificationsPort, notifications),
                start("monitoring-service", monitoringPort, monitoring),
                gateway = start("api-gateway", gatewayPort, front));
    }

    /** A researcher's journey on this platform's node and demo panel, printing its progress to the test's output. */
    ResearcherJourney journey() {
        try {
            return new ResearcherJourney(
                    JourneySettings.onTheDemoPanel(
                            gateway.baseUrl(),
                            "127.0.0.1",
                            mail.getImap().getPort(),
                            Files.createTempDirectory(work, "journey")),
                    new JourneyProgress(System.out, ResearcherJourney.STEPS));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Gateway gateway() {
        return new Gateway(gateway.baseUrl());
    }

    /** What every running service exposes to Prometheus now, one scrape after the other. */
    String scrapeEveryService() {
        StringBuilder scrapes = new StringBuilder();
        for (ServiceProcess service : started) {
            HttpResponse<String> scrape = new Gateway(service.baseUrl()).get("/actuator/prometheus", null);
            if (scrape.statusCode() != 200) {
                throw new IllegalStateException(
                        service.baseUrl() + "/actuator/prometheus answered " + scrape.statusCode());
            }
            scrapes.append(scrape.body()).append('\n');
        }
        return scrapes.toString();
    }

    /** The imputation node itself, as the hub calls it (never through the gateway). */
    Gateway node() {
        return new Gateway(node.baseUrl());
    }

    /** How the hub authenticates to its node. */
    static Credential hubCredential() {
        return Credential.bearer(HUB_TOKEN);
    }

    /** An admin's session. */
    Credential admin() {
        return Credential.bearer((String) Gateway.read(gateway()
                        .post("/api/v1/auth/login", null, Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD)))
                .get("accessToken"));
    }

    /** The demo panel the node imputes with, with its target array and the truth behind it. */
    SimulatedDataset demo() {
        return demo;
    }

    String imapHost() {
        return "127.0.0.1";
    }

    int imapPort() {
        return mail.getImap().getPort();
    }

    Path work() {
        return work;
    }

    /** Every service and the node, in the order they were started; the gateway is last. */
    List<ServiceProcess> services() {
        return List.copyOf(started);
    }

    /** The platform's PostgreSQL, which fault tests restart. */
    PostgresServer postgres() {
        return postgres;
    }

    /** The platform's Redis, which fault tests stop and start again. */
    DedicatedRedis redis() {
        return redis;
    }

    private Map<String, String> database(String schema, String redisPort) {
        EmbeddedInfra.DatabaseAccess database = postgres.createDatabase("e2e_" + schema, schema);
        Map<String, String> environment = new HashMap<>();
        environment.put("SPRING_DATASOURCE_URL", database.jdbcUrl());
        environment.put("SPRING_DATASOURCE_PASSWORD", database.password());
        environment.put("SPRING_DATA_REDIS_PORT", redisPort);
        return environment;
    }

    private ServiceProcess start(String module, int port, Map<String, String> environment) throws IOException {
        ServiceProcess service = ServiceProcess.start(module, port, environment);
        started.add(service);
        return service;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        for (ServiceProcess service : started.reversed()) {
            service.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (mail != null) {
            mail.stop();
        }
    }
}
