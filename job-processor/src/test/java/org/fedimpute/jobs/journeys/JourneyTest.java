package org.fedimpute.jobs.journeys;

import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.fedimpute.jobs.JobsApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Journeys of one researcher's jobs through the API to remote servers spoken to by the real protocol clients, each
 * server a WireMock of the test's own; retries, backoffs and the circuit's pause take milliseconds so a journey
 * through an outage stays quick.
 */
@TestPropertySource(
        properties = {
            "fedimpute.jobs.remote.retry.retries=2",
            "fedimpute.jobs.remote.retry.initial-backoff=10ms",
            "fedimpute.jobs.remote.retry.multiplier=1",
            "fedimpute.jobs.remote.circuit-breaker.sliding-window=6",
            "fedimpute.jobs.remote.circuit-breaker.open-for=500ms"
        })
abstract class JourneyTest extends JobsApiTest {

    protected final UUID user = UUID.randomUUID();
    protected final String token = researcher(user);
    protected final String name = unique("journey");

    @Autowired
    private MeterRegistry meters;

    /** Registers the server at this base URL as a new service of this kind; answers its slug. */
    protected String register(String kind, String baseUrl, boolean requiresUserToken) {
        String slug = unique(kind.toLowerCase().replace('_', '-'));
        peers.remoteService(slug, kind, baseUrl, requiresUserToken);
        return slug;
    }

    /** Submits a job of this name on a valid input file to the registered service; answers the job. */
    protected JsonNode submit(String jobName, String service) {
        return submitJob(user, token, jobName, service);
    }

    protected JsonNode job(String id) {
        return body(call("GET", "/api/v1/jobs/" + id, token, null), 200);
    }

    /** Waits until the job as its owner sees it matches, and answers it. */
    protected JsonNode awaitJob(String id, Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> job(id), condition);
    }

    /** The job's events without the progress reports, which depend on how many polls saw each state. */
    protected List<String> milestones(String id) {
        return eventTypes(id).stream()
                .filter(type -> !type.equals("job.progressed"))
                .toList();
    }

    /** Verifies file-manager received this content once, as a result of the job owned by the researcher. */
    protected void verifyStoredResult(String jobId, String fileName, String content) {
        PEERS.verify(
                1,
                postRequestedFor(urlPathEqualTo("/internal/files"))
                        .withQueryParam("ownerId", equalTo(user.toString()))
                        .withQueryParam("jobId", equalTo(jobId))
                        .withQueryParam("name", equalTo(fileName))
                        .withQueryParam("kind", equalTo("RESULT"))
                        .withRequestBody(binaryEqualTo(content.getBytes(StandardCharsets.UTF_8))));
    }

    /** The value of a resilience4j meter of the service's remote calls (counters and gauges are tagged by slug). */
    protected double remoteCallMeter(String meterName, String slug, String... tags) {
        return meters.find(meterName).tag("name", slug).tags(tags).meters().stream()
                .mapToDouble(meter -> meter.measure().iterator().next().getValue())
                .sum();
    }
}
