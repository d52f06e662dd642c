package org.fedimpute.e2e.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.Container;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.fedimpute.e2e.journey.JourneyProgress;
import org.fedimpute.e2e.journey.JourneySettings;
import org.fedimpute.e2e.journey.ResearcherJourney;
import org.fedimpute.e2e.journey.ResultSummary;
import org.fedimpute.test.infra.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
import org.testcontainers.utility.LogUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform as {@code docker-compose.yml} ships it: images built from this working tree, every container healthy,
 * a researcher's journey through the gateway, every service scraped by Prometheus and every provisioned Grafana
 * dashboard loading. Tagged {@code compose}, and run only when that tag is asked for ({@code -Dgroups=compose}) or
 * {@code FEDIMPUTE_COMPOSE_REQUIRED=true} (CI's compose job); otherwise, or where no Docker engine with the Compose
 * plugin answers, its tests are skipped saying why, unless that variable turns the missing engine into a failure.
 */
@Tag("compose")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeStackTests {

    /** Every module's compose service; Prometheus's job names are the same. */
    private static final List<String> SERVICES = List.of(
            "api-gateway",
            "user-service",
            "service-registry",
            "job-processor",
            "file-manager",
            "notification-service",
            "monitoring-service",
            "imputation-node");

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path OUTPUT = Path.of("target", "compose").toAbsolutePath();
    private static final String REQUIRED = "FEDIMPUTE_COMPOSE_REQUIRED";
    /** The tag of the images this test builds (docker-compose.yml tags them fedimpute/<module>:$FEDIMPUTE_IMAGE_TAG). */
    private static final String IMAGE_TAG = "compose-test";
    /** Compose projects of this test are named this and a random suffix. */
    private static final String PROJECT_PREFIX = "fedimpute-compose-";
    /** Building eight images and starting them one after another on a 2-core runner takes a while. */
    private static final Duration STARTUP = Duration.ofMinutes(20);
    /** How long Prometheus and Grafana get to catch up with a stack that is already healthy. */
    private static final Duration SETTLING = Duration.ofMinutes(3);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static ComposeContainer stack;
    private static String skipReason;
    private static Map<String, String> secrets;

    @BeforeAll
    static void buildAndStartTheStack() throws IOException {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            cannotRun("no Docker engine answers (Testcontainers looked at DOCKER_HOST, ~/.testcontainers.properties"
                    + " and /var/run/docker.sock)");
            return;
        }
        if (!composePluginAnswers()) {
            cannotRun("a Docker engine answers but `docker compose version` does not (no Compose v2 plugin)");
            return;
        }
        if (!required() && !System.getProperty("fedimpute.test.groups", "").contains("compose")) {
            cannotRun("not asked for: it builds every image and binds the stack's published ports, so it runs only"
                    + " with -Dgroups=compose");
            return;
        }
        Files.createDirectories(OUTPUT);
        secrets = freshSecrets();

        stack = new ComposeContainer(
                        PROJECT_PREFIX, ROOT.resolve("docker-compose.yml").toFile())
                .withLocalCompose(true)
                .withBuild(true)
                // compose pulls what it does not build; Testcontainers' own pull cannot read the Dockerfile's ARGs
                .withPull(false)
                .withEnv(secrets)
                .withEnv("FEDIMPUTE_GATEWAY_PORT", Integer.toString(FreePorts.find()))
                .withEnv("FEDIMPUTE_IMAGE_TAG", IMAGE_TAG)
                .withStartupTimeout(STARTUP)
                .withExposedService("api-gateway", 8000, bounded(Wait.forHttp("/actuator/health/readiness")))
                .withExposedService("prometheus", 9090, bounded(Wait.forHttp("/-/ready")))
                .withExposedService("grafana", 3000, bounded(Wait.forHttp("/api/health")))
                .withExposedService("mail", 3143, bounded(Wait.forHealthcheck()));
        SERVICES.forEach(service -> stack.waitingFor(service, bounded(Wait.forHealthcheck())));
        stack.start();
    }

    /** Skips each test rather than the class, so that the build reports them as skipped, with the reason. */
    @BeforeEach
    void runOnlyWithTheStack() {
        Assumptions.assumeTrue(skipReason == null, () -> skipReason);
    }

    @AfterAll
    static void tearTheStackDown() throws IOException {
        if (stack == null) {
            return;
        }
        DockerClient docker = DockerClientFactory.instance().client();
        Set<String> projects;
        try {
            projects = saveEveryContainersLog(docker);
        } finally {
            stack.stop();
        }
        String builtImages = "fedimpute/*:" + IMAGE_TAG;
        docker.listImagesCmd()
                .withReferenceFilter(builtImages)
                .exec()
                .forEach(image ->
                        docker.removeImageCmd(image.getId()).withForce(true).exec());
        assertThat(docker.listImagesCmd().withReferenceFilter(builtImages).exec())
                .as("images left behind")
                .isEmpty();
        for (String project : projects) {
            assertThat(docker.listContainersCmd()
                            .withShowAll(true)
                            .withLabelFilter(Map.of("com.docker.compose.project", project))
                            .exec())
                    .as("containers left behind by compose project %s", project)
                    .isEmpty();
        }
    }

    /**
     * Writes the log of every container of this test's stack to target/compose/logs/ (before compose removes them,
     * and whether or not the stack came up); answers the compose projects they belong to.
     */
    private static Set<String> saveEveryContainersLog(DockerClient docker) throws IOException {
        Path logs = Files.createDirectories(OUTPUT.resolve("logs"));
        Set<String> projects = new TreeSet<>();
        for (Container container : docker.listContainersCmd().withShowAll(true).exec()) {
            Map<String, String> labels = container.getLabels() == null ? Map.of() : container.getLabels();
            String project = labels.getOrDefault("com.docker.compose.project", "");
            if (project.startsWith(PROJECT_PREFIX)) {
                projects.add(project);
                Files.writeString(
                        logs.resolve(labels.get("com.docker.compose.service") + ".log"),
                        LogUtils.getOutput(docker, container.getId()));
            }
        }
        return projects;
    }

    @Test
    @Order(1)
    void aResearchersJourneyRunsThroughTheGateway() {
        researcherJourney(
                serviceUri("api-gateway", 8000),
                stack.getServiceHost("mail", 3143),
                stack.getServicePort("mail", 3143));
    }

    /**
     * The researcher's journey that {@code ./platform demo} and the end-to-end tests run, on the stack's gateway and
     * mail catcher and the compose node's demo panel: every step, the monitoring overview included, must succeed.
     */
    private static void researcherJourney(URI gateway, String imapHost, int imapPort) {
        try (ResearcherJourney journey = new ResearcherJourney(
                JourneySettings.onTheDemoPanel(
                        gateway.toString(), imapHost, imapPort, Files.createTempDirectory("compose-journey")),
                new JourneyProgress(System.out, ResearcherJourney.STEPS))) {
            ResultSummary results = journey.run();
            assertThat(results.samples()).isPositive();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @Order(2)
    void prometheusScrapesEveryServiceAndKnowsItsAlertmanager() {
        URI prometheus = serviceUri("prometheus", 9090);
        await().atMost(SETTLING).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
            Map<String, String> healthByJob = new LinkedHashMap<>();
            for (JsonNode target : getJson(prometheus.resolve("/api/v1/targets"), null)
                    .path("data")
                    .path("activeTargets")) {
                String job = target.path("labels").path("job").asString();
                String error = target.path("lastError").asString();
                healthByJob.merge(
                        job,
                        target.path("health").asString() + (error.isEmpty() ? "" : " (" + error + ")"),
                        (first, second) -> first.equals("up") ? second : first);
            }
            assertThat(healthByJob).as("health of each scrape job").containsAllEntriesOf(everyServiceUp());
        });
        await().atMost(SETTLING)
                .pollInterval(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(getJson(prometheus.resolve("/api/v1/alertmanagers"), null)
                                .path("data")
                                .path("activeAlertmanagers"))
                        .as("Prometheus's active Alertmanagers")
                        .isNotEmpty());
    }

    @Test
    @Order(3)
    void grafanaLoadsEveryProvisionedDashboard() throws Exception {
        Set<String> provisioned = dashboardUidsInTheWorkingTree();
        assertThat(provisioned).as("dashboards under deploy/grafana/dashboards").isNotEmpty();
        URI grafana = serviceUri("grafana", 3000);
        String credentials = secrets.getOrDefault("GRAFANA_ADMIN_USER", "admin") + ":"
                + secrets.getOrDefault("GRAFANA_ADMIN_PASSWORD", "admin");
        String authorization =
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));

        Set<String> found = new TreeSet<>();
        await().atMost(SETTLING).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
            found.clear();
            getJson(grafana.resolve("/api/search?type=dash-db&limit=5000"), authorization)
                    .forEach(hit -> found.add(hit.path("uid").asString()));
            assertThat(found).as("dashboards Grafana lists").containsAll(provisioned);
        });
        for (String uid : found) {
            JsonNode dashboard = getJson(grafana.resolve("/api/dashboards/uid/" + uid), authorization);
            assertThat(dashboard.path("dashboard").path("title").asString())
                    .as("title of dashboard %s", uid)
                    .isNotBlank();
            assertThat(dashboard.path("meta").path("provisioned").asBoolean())
                    .as("dashboard %s comes from provisioning", uid)
                    .isTrue();
        }
        System.out.println("Grafana dashboards loaded: " + found);
    }

    @Test
    @Order(4)
    void everyServiceImageIsReportedWithItsSize() throws IOException {
        DockerClient docker = DockerClientFactory.instance().client();
        List<String> rows = new ArrayList<>(List.of("| service | image | size (MB) |", "| --- | --- | ---: |"));
        for (String service : SERVICES) {
            String tag = "fedimpute/" + service + ":" + IMAGE_TAG;
            InspectImageResponse image = docker.inspectImageCmd(
                            container(service).getContainerInfo().getImageId())
                    .exec();
            assertThat(image.getRepoTags())
                    .as("tags of the image %s runs", service)
                    .contains(tag);
            assertThat(image.getSize()).as("size of %s", tag).isPositive();
            rows.add("| %s | %s | %.1f |".formatted(service, tag, image.getSize() / 1_000_000.0));
        }
        String table = String.join("\n", rows) + "\n";
        Files.writeString(OUTPUT.resolve("image-sizes.md"), table);
        System.out.println("Service images built from the working tree:\n" + table);
    }

    /** Skips the tests, saying why, or fails them where the stack is required. */
    private static void cannotRun(String reason) {
        if (required()) {
            Assertions.fail(reason + "; " + REQUIRED + "=true, so the compose stack test must run here");
        }
        skipReason = reason + ": the compose stack test is skipped. It runs in CI's compose job, or wherever Docker"
                + " runs with ./mvnw -pl platform-e2e -am verify -Dgroups=compose";
        System.out.println(skipReason);
    }

    private static boolean required() {
        return Boolean.parseBoolean(System.getenv(REQUIRED));
    }

    /**
     * The stack's secrets, fresh for this run from deploy/compose/generate-env.sh (never the developer's .env, whose
     * values the compose process's environment overrides).
     */
    private static Map<String, String> freshSecrets() throws IOException {
        Path envFile = OUTPUT.resolve("stack.env");
        Files.deleteIfExists(envFile);
        Process generate = new ProcessBuilder(
                        "bash", ROOT.resolve("deploy/compose/generate-env.sh").toString(), envFile.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(generate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertThat(generate.waitFor())
                    .as("deploy/compose/generate-env.sh: %s", output)
                    .isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating the stack's secrets", e);
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : Files.readAllLines(envFile)) {
            int equals = line.indexOf('=');
            if (!line.startsWith("#") && equals > 0) {
                variables.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return variables;
    }

    private static boolean composePluginAnswers() {
        try {
            Process version = new ProcessBuilder("docker", "compose", "version")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static WaitStrategy bounded(WaitStrategy strategy) {
        return strategy.withStartupTimeout(STARTUP);
    }

    private static ContainerState container(String service) {
        return stack.getContainerByServiceName(service)
                .orElseThrow(() -> new AssertionError("compose started no container for " + service));
    }

    private static URI serviceUri(String service, int port) {
        return URI.create("http://" + stack.getServiceHost(service, port) + ":" + stack.getServicePort(service, port));
    }

    private static Map<String, String> everyServiceUp() {
        Map<String, String> up = new LinkedHashMap<>();
        SERVICES.forEach(service -> up.put(service, "up"));
        return up;
    }

    private static Set<String> dashboardUidsInTheWorkingTree() throws IOException {
        Path dashboards = ROOT.resolve("deploy/grafana/dashboards");
        if (!Files.isDirectory(dashboards)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(dashboards)) {
            Set<String> uids = new TreeSet<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                String uid = JSON.readTree(file.toFile()).path("uid").asString();
                assertThat(uid).as("uid of %s", ROOT.relativize(file)).isNotBlank();
                uids.add(uid);
            }
            return uids;
        }
    }

    /** A 200 answer's JSON; any other answer fails with its body. */
    private static JsonNode getJson(URI uri, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", uri, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
