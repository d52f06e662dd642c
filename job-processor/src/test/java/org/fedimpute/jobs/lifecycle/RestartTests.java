package org.fedimpute.jobs.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fedimpute.jobs.JobProcessorApplication;
import org.fedimpute.jobs.PeerStubs;
import org.fedimpute.jobs.ScriptedRemoteConfiguration;
import org.fedimpute.jobs.ScriptedRemoteServer;
import org.fedimpute.jobs.remote.RemoteFailure;
import org.fedimpute.test.infra.EmbeddedInfra;
import org.fedimpute.test.security.TestJwtIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two job-processor instances on one database: jobs submitted to the first are in flight (some sent and running, some
 * still refused by a busy server) when a second instance starts beside it and the first stops; the second finishes
 * every job, and each job was accepted by the remote server exactly once and completed exactly once.
 */
class RestartTests {

    private static final TestJwtIssuer TOKENS = TestJwtIssuer.get();
    private static final WireMockServer PEERS = PeerStubs.start();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int JOBS = 6;

    private final ScriptedRemoteServer remote = new ScriptedRemoteServer();
    private final PeerStubs peers = new PeerStubs(PEERS);

    @AfterAll
    static void stopPeers() {
        PEERS.stop();
    }

    @Test
    void jobsInFlightArePickedUpByTheNextInstanceAndEachIsSentOnce() {
        EmbeddedInfra.DatabaseAccess database = EmbeddedInfra.createDatabase("RestartTests", "jobs");
        int redisDatabase = EmbeddedInfra.nextRedisDatabase();
        UUID user = UUID.randomUUID();
        String token = TOKENS.mint(user.toString(), List.of("RESEARCHER"), "PREMIUM", Duration.ofMinutes(15));
        String service = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        peers.service(service, false, true);

        ConfigurableApplicationContext first = start(database, redisDatabase, "instance-a");
        JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
        List<String> names = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            String name = "restart-job-" + UUID.randomUUID();
            names.add(name);
            ScriptedRemoteServer.Script script = remote.script(name).statuses(ScriptedRemoteServer.running("QC"));
            if (i % 2 == 1) {
                script.submitsFail(new RemoteFailure.Busy("busy"), new RemoteFailure.Busy("busy"));
            }
            UUID file = peers.file(user, "VALID", null);
            ids.add(submit(first, token, name, service, file));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM imputation_job WHERE status = 'RUNNING'", Integer.class)
                        >= 2);

        ConfigurableApplicationContext second = start(database, redisDatabase, "instance-b");
        try {
            first.close();
            names.forEach(name -> remote.script(name).completesWith(Map.of()));
            JdbcTemplate after = second.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> after.queryForObject(
                                    "SELECT count(*) FROM imputation_job WHERE status = 'COMPLETED'", Integer.class)
                            == JOBS);

            for (String name : names) {
                assertThat(remote.script(name).accepted.get()).as(name).isEqualTo(1);
            }
            for (String id : ids) {
                assertThat(after.queryForObject(
                                "SELECT count(*) FROM job_transition WHERE job_id = ?::uuid AND to_status = 'COMPLETED'",
                                Integer.class,
                                id))
                        .isEqualTo(1);
                assertThat(after.queryForObject(
                                "SELECT count(*) FROM event_outbox WHERE subject = ? AND type = 'job.completed'",
                                Integer.class,
                                id))
                        .isEqualTo(1);
            }
            assertThat(after.queryForObject("SELECT count(*) FROM scheduled_tasks", Integer.class))
                    .isZero();
        } finally {
            second.close();
        }
    }

    private static ConfigurableApplicationContext start(
            EmbeddedInfra.DatabaseAccess database, int redisDatabase, String instance) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", 0);
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.username());
        properties.put("spring.datasource.password", database.password());
        properties.put("spring.data.redis.host", "127.0.0.1");
        properties.put("spring.data.redis.port", EmbeddedInfra.redisPort());
        properties.put("spring.data.redis.database", redisDatabase);
        properties.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TOKENS.jwksUri());
        properties.put("fedimpute.jobs.registry-url", PEERS.baseUrl());
        properties.put("fedimpute.jobs.users-url", PEERS.baseUrl());
        properties.put("fedimpute.jobs.files-url", PEERS.baseUrl());
        properties.put("fedimpute.service-client.token-uri", PEERS.baseUrl() + "/internal/service-tokens");
        properties.put("db-scheduler.scheduler-name", instance);
        // As command-line arguments, which outrank the platform starter's local defaults.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(
                        JobProcessorApplication.class, ScriptedRemoteConfiguration.class)
                .run(properties.entrySet().stream()
                        .map(property -> "--" + property.getKey() + "=" + property.getValue())
                        .toArray(String[]::new));
        EmbeddedInfra.track(context::isActive);
        return context;
    }

    private static String submit(
            ConfigurableApplicationContext context, String token, String name, String service, UUID file) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        String body = """
                {"name":"%s","service":"%s","referencePanel":"%s","build":"hg38","fileIds":["%s"]}
                """.formatted(name, service, PeerStubs.panelKey(service), file);
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/jobs"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            String marker = "\"id\":\"";
            int start = response.body().indexOf(marker) + marker.length();
            return response.body().substring(start, start + 36);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
