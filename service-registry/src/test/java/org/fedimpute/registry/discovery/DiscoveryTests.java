package org.fedimpute.registry.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.fedimpute.registry.RegistryApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Researchers get the healthy services that can serve their request, best first, with the facts behind each place;
 * health and job history are written straight into the tables the probes and the job-event consumer fill.
 */
class DiscoveryTests extends RegistryApiTest {

    private static final double CAPE_TOWN_LATITUDE = -33.92;
    private static final double CAPE_TOWN_LONGITUDE = 18.42;

    @Autowired
    private JobOutcomes outcomes;

    private final String population = "pop" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void theNearerFasterMoreSuccessfulHealthyServiceRanksFirstAndTheReasonsSaySo() {
        UUID near = offer("near", -26.20, 28.05, "hg38", population);
        healthy(near, 80, 100, 120);
        check(near, "HEALTHY", 5000, 3 * 24);
        check(near, "UNHEALTHY", 9000, 1);
        jobs(near, 9, 1, 0);
        jobs(near, 0, 5, 60);
        UUID far = offer("far", 42.28, -83.74, "hg38", population);
        healthy(far, 700, 900);
        jobs(far, 2, 8, 0);
        UUID sick = offer("sick", CAPE_TOWN_LATITUDE, CAPE_TOWN_LONGITUDE, "hg38", population);
        status(sick, "UNHEALTHY");
        UUID paused = register(service("paused", CAPE_TOWN_LATITUDE, CAPE_TOWN_LONGITUDE, "hg38", false));
        enterPanel(paused, panel("paused-panel", "hg38", population));
        healthy(paused, 10);
        UUID otherPopulation = offer("eur", CAPE_TOWN_LATITUDE, CAPE_TOWN_LONGITUDE, "hg38", population + "-eur");
        healthy(otherPopulation, 10);
        UUID otherBuild = offer("hg19", CAPE_TOWN_LATITUDE, CAPE_TOWN_LONGITUDE, "hg19", population);
        healthy(otherBuild, 10);

        JsonNode ranking = discover("build=hg38&population=" + population + "&latitude=" + CAPE_TOWN_LATITUDE
                + "&longitude=" + CAPE_TOWN_LONGITUDE);

        assertThat(slugs(ranking)).containsExactly(slug("near"), slug("far"));
        JsonNode first = ranking.get("items").get(0);
        JsonNode reasons = first.get("reasons");
        assertThat(first.get("service").get("id").asString()).isEqualTo(near.toString());
        assertThat(reasons.get("distanceKm").asDouble()).isCloseTo(1263, within(15.0));
        assertThat(reasons.get("latencyP50Ms").asDouble()).isEqualTo(100.0);
        assertThat(reasons.get("successRate").asDouble()).isEqualTo(0.9);
        assertThat(reasons.get("jobsConsidered").asLong()).isEqualTo(10);
        assertThat(reasons.get("matchingPanels").toString()).isEqualTo("[\"" + slug("near") + "-panel\"]");
        assertThat(first.get("components").get("successRate").asDouble()).isCloseTo(10.0 / 12, within(1e-9));
        assertThat(first.get("components").get("latency").asDouble()).isCloseTo(500.0 / 600, within(1e-9));
        assertThat(first.get("components").get("panelMatch").asDouble()).isEqualTo(1.0);

        JsonNode second = ranking.get("items").get(1).get("reasons");
        assertThat(second.get("distanceKm").asDouble()).isGreaterThan(12_000);
        assertThat(second.get("latencyP50Ms").asDouble()).isEqualTo(800.0);
        assertThat(second.get("successRate").asDouble()).isEqualTo(0.2);
        for (JsonNode item : ranking.get("items")) {
            assertThat(item.get("score").asDouble())
                    .isCloseTo(weightedMean(ranking.get("weights"), item), within(1e-9));
        }
        assertThat(ranking.get("items").get(0).get("score").asDouble())
                .isGreaterThan(ranking.get("items").get(1).get("score").asDouble());
    }

    @Test
    void withoutCoordinatesDistanceIsNeutralUnlessTheResearcherNamesTheServicesCountry() {
        UUID service = offer("nowhere", -33.92, 18.42, "hg38", population);
        healthy(service, 100);

        JsonNode unlocated = discover("population=" + population).get("items").get(0);
        assertThat(unlocated.get("reasons").get("distanceKm").isNull()).isTrue();
        assertThat(unlocated.get("reasons").get("successRate").isNull()).isTrue();
        assertThat(unlocated.get("reasons").get("jobsConsidered").asLong()).isZero();
        assertThat(unlocated.get("components").get("distance").asDouble()).isEqualTo(0.5);
        assertThat(unlocated.get("components").get("successRate").asDouble()).isEqualTo(0.5);

        JsonNode sameCountry = discover("population=" + population + "&country=za")
                .get("items")
                .get(0);
        assertThat(sameCountry.get("reasons").get("sameCountry").asBoolean()).isTrue();
        assertThat(sameCountry.get("components").get("distance").asDouble()).isEqualTo(1.0);

        JsonNode otherCountry = discover("population=" + population + "&country=US")
                .get("items")
                .get(0);
        assertThat(otherCountry.get("reasons").get("sameCountry").asBoolean()).isFalse();
        assertThat(otherCountry.get("components").get("distance").asDouble()).isEqualTo(0.5);
    }

    @Test
    void theLimitCutsTheRanking() {
        healthy(offer("limit-a", -33.92, 18.42, "hg38", population), 100);
        healthy(offer("limit-b", -33.92, 18.42, "hg38", population), 100);

        assertThat(slugs(discover("population=" + population))).hasSize(2);
        assertThat(slugs(discover("population=" + population + "&limit=1"))).hasSize(1);
    }

    @Test
    void anOutcomeIsRecordedOnceHoweverOftenItIsReported() {
        UUID service = offer("outcomes", -33.92, 18.42, "hg38", population);
        healthy(service, 100);
        UUID job = UUID.randomUUID();
        Instant finished = Instant.now().truncatedTo(ChronoUnit.MICROS);

        assertThat(outcomes.record(job, service, true, finished)).isTrue();
        assertThat(outcomes.record(job, service, false, finished.plusSeconds(5)))
                .isFalse();

        assertThat(jdbc.queryForObject("SELECT succeeded FROM job_outcome WHERE job_id = ?", Boolean.class, job))
                .isTrue();
        JsonNode reasons =
                discover("population=" + population).get("items").get(0).get("reasons");
        assertThat(reasons.get("jobsConsidered").asLong()).isEqualTo(1);
        assertThat(reasons.get("successRate").asDouble()).isEqualTo(1.0);
    }

    @Test
    void badInputIsAProblemWith400AndATokenIsNeeded() {
        String researcher = researcher();
        for (String query : List.of(
                "latitude=91&longitude=0",
                "latitude=0&longitude=-181",
                "latitude=10",
                "longitude=10",
                "latitude=north&longitude=0",
                "build=hg37",
                "limit=51",
                "limit=0",
                "country=ZAF")) {
            assertProblem(get("/api/v1/services/discover?" + query, researcher), 400);
        }
        assertProblem(get("/api/v1/services/discover", null), 401);
    }

    private JsonNode discover(String query) {
        return body(get("/api/v1/services/discover?" + query, researcher()), 200);
    }

    /** A service offered to researchers with one panel of this build and population. */
    private UUID offer(String name, double latitude, double longitude, String build, String panelPopulation) {
        UUID id = register(service(name, latitude, longitude, build, true));
        enterPanel(id, panel(slug(name) + "-panel", build, panelPopulation));
        return id;
    }

    private String slug(String name) {
        return population + "-" + name;
    }

    private String service(String name, double latitude, double longitude, String build, boolean active) {
        return """
                {"slug":"%s","name":"Service %s","kind":"GA4GH_WES","baseUrl":"https://%s.example.org/ga4gh/wes/v1",
                 "location":{"country":"ZA","latitude":%s,"longitude":%s},"supportedBuilds":["%s"],"active":%s}
                """.formatted(slug(name), name, slug(name), latitude, longitude, build, active);
    }

    private static String panel(String remoteKey, String build, String panelPopulation) {
        return """
                {"remoteKey":"%s","displayName":"Panel %s","build":"%s","populations":["%s"]}
                """.formatted(remoteKey, remoteKey, build, panelPopulation);
    }

    /** The service's latest check succeeded, and its recent successful checks took these times. */
    private void healthy(UUID service, int... responseMs) {
        status(service, "HEALTHY");
        for (int ms : responseMs) {
            check(service, "HEALTHY", ms, 0);
        }
    }

    private void status(UUID service, String health) {
        jdbc.update(
                "INSERT INTO service_status (service_id, health, last_checked_at) VALUES (?, ?, now())",
                service,
                health);
    }

    private void check(UUID service, String health, int responseMs, int hoursAgo) {
        jdbc.update(
                "INSERT INTO health_check (service_id, checked_at, health, response_ms)"
                        + " VALUES (?, now() - make_interval(hours => ?), ?, ?)",
                service,
                hoursAgo,
                health,
                responseMs);
    }

    private void jobs(UUID service, int succeeded, int failed, int daysAgo) {
        Instant finished = Instant.now().minus(daysAgo, ChronoUnit.DAYS);
        for (int i = 0; i < succeeded + failed; i++) {
            outcomes.record(UUID.randomUUID(), service, i < succeeded, finished);
        }
    }

    private static List<String> slugs(JsonNode ranking) {
        return ranking.get("items")
                .valueStream()
                .map(item -> item.get("service").get("slug").asString())
                .toList();
    }

    private static double weightedMean(JsonNode weights, JsonNode item) {
        JsonNode components = item.get("components");
        double total = 0;
        double sum = 0;
        for (String name : List.of("distance", "latency", "successRate", "panelMatch")) {
            total += weights.get(name).asDouble();
            sum += weights.get(name).asDouble() * components.get(name).asDouble();
        }
        return sum / total;
    }
}
