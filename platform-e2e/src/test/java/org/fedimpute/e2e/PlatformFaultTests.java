package org.fedimpute.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.fedimpute.e2e.journey.Credential;
import org.fedimpute.e2e.journey.Gateway;
import org.fedimpute.e2e.journey.Mailbox;
import org.fedimpute.e2e.journey.ResearcherJourney;
import org.fedimpute.e2e.journey.Waiting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The platform keeps its promises through the faults of a bad day: every process killed (SIGKILL) and started again
 * in turn, Redis away for 30 s, PostgreSQL restarted, while a researcher's batch of jobs runs on a Michigan-type
 * server and the researcher keeps reading through the gateway.
 *
 * <p>The server (a WireMock Cloudgene stub) holds every job running until the test lets one finish, and the test lets
 * one finish just before each fault, so that every fault meets a completion in flight: results being fetched into
 * file-manager, a {@code job.completed} event on its way through the outbox and Redis, a mail and an in-app
 * notification being made. Afterwards every job has ended exactly once, completed with its one result, each
 * completion mail and notification arrived once, monitoring counted each job once, and no request was answered with
 * anything but a success or the documented 503 to retry.
 *
 * <p>It runs after the other classes on the shared platform ({@code @Order}), since it disturbs what they rely on.
 */
@Order(Integer.MAX_VALUE)
@ExtendWith(E2ePlatform.Resolver.class)
class PlatformFaultTests {

    /** How long a killed process stays down before it is started again. */
    private static final Duration DOWN = Duration.ofSeconds(3);

    private static final Duration REDIS_OUTAGE = Duration.ofSeconds(30);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final String STATUS = "/api/v2/jobs/[^/]+/status";

    private static E2ePlatform platform;
    private static Gateway gateway;
    private static MichiganServer michigan;

    @BeforeAll
    static void onThePlatform(E2ePlatform started) {
        platform = started;
        gateway = started.gateway();
        michigan = MichiganServer.registeredOn(started);
        WireMockServer server = michigan.wiremock();
        server.stubFor(post(MichiganServer.SUBMIT).willReturn(okJson("""
                        {"success":true,"message":"Your job was successfully added to the job queue.",
                         "id":"job-{{randomValue length=12 type='ALPHANUMERIC'}}"}""").withTransformers("response-template")));
        server.stubFor(get(urlPathMatching(STATUS))
                .atPriority(10)
                .willReturn(okJson(MichiganServer.cloudgeneJob(
                                "{{request.pathSegments.[3]}}", 2, "Imputation", "Imputing chunk 1 of 9", "[]"))
                        .withTransformers("response-template")));
    }

    @AfterAll
    static void stopTheServer() {
        michigan.close();
    }

    @Test
    void everyJobEndsOnceAndEveryNotificationArrivesOnceThroughKillsAndOutages() throws Exception {
        List<Fault> faults = faults();
        try (ResearcherJourney researcher = platform.journey()) {
            String userId = premiumResearcher(researcher);
            List<Object> files = IntStream.range(0, faults.size())
                    .mapToObj(i -> researcher.uploadGenotypes().get("id"))
                    .toList();
            Map<String, Object> batch = Gateway.read(
                    gateway.post("/api/v1/jobs/batches", researcher.apiKey(), michigan.job("faults", files)));
            JobWatch watch = new JobWatch(gateway, researcher.apiKey());
            List<Map<String, Object>> jobs = new ArrayList<>();
            for (Object job : (List<?>) batch.get("jobs")) {
                jobs.add(watch.awaitStatus((String) ((Map<?, ?>) job).get("id"), "RUNNING", Duration.ofMinutes(1)));
            }

            List<String> undocumented;
            try (ResearcherTraffic traffic =
                    ResearcherTraffic.start(gateway, researcher.apiKey(), researcher.session())) {
                traffic.follow((String) jobs.getFirst().get("id"));
                for (int i = 0; i < faults.size(); i++) {
                    finishRemotely((String) jobs.get(i).get("remoteJobId"));
                    System.out.printf(
                            "fault %d of %d: %s%n",
                            i + 1, faults.size(), faults.get(i).name());
                    faults.get(i).happen();
                }
                jobs.replaceAll(job -> watch.awaitEnd((String) job.get("id"), Duration.ofMinutes(3)));
                System.out.printf(
                        "Researcher traffic through the faults: answers by status %s; no answer (gateway down) %s%n",
                        traffic.statuses(), traffic.unreachable());
                undocumented = List.copyOf(traffic.undocumented());
                undocumented.forEach(answer -> System.out.println("undocumented: " + answer));
            }

            for (Map<String, Object> job : jobs) {
                assertThat(job.get("status")).as("job %s", job).isEqualTo("COMPLETED");
                assertThat((List<?>) job.get("resultFileIds"))
                        .as("results of %s", job.get("name"))
                        .hasSize(1);
                List<?> history = Gateway.JSON.readValue(
                        gateway.get("/api/v1/jobs/" + job.get("id") + "/history", researcher.apiKey())
                                .body(),
                        List.class);
                assertThat(history.stream().map(entry -> String.valueOf(((Map<?, ?>) entry).get("to"))))
                        .as("history of %s", job.get("name"))
                        .containsExactly("PENDING", "QUEUED", "RUNNING", "COMPLETED");
            }
            assertEveryJobNotifiedOnce(researcher, jobs);
            assertMonitoringCountedEveryJobOnce(userId, jobs.size());
            assertThat(undocumented)
                    .as("answers that were neither a success nor a documented 503")
                    .isEmpty();
        }
    }

    /** Each process killed and started again, then Redis away and back, then PostgreSQL restarted. */
    private static List<Fault> faults() {
        List<Fault> faults = new ArrayList<>();
        for (ServiceProcess service : platform.services()) {
            faults.add(new Fault("kill " + service.name() + " and start it again", () -> {
                service.kill();
                Thread.sleep(DOWN);
                service.startAgain(START_TIMEOUT);
            }));
        }
        faults.add(new Fault("Redis away for " + REDIS_OUTAGE.toSeconds() + " s", () -> {
            platform.redis().stop();
            Thread.sleep(REDIS_OUTAGE);
            platform.redis().restart();
        }));
        faults.add(new Fault("PostgreSQL restarted", () -> platform.postgres().restart()));
        return faults;
    }

    /** Registers, becomes premium (a batch of this size is over the free tier's concurrency), saves a server token. */
    private static String premiumResearcher(ResearcherJourney researcher) {
        String userId = (String) researcher.register().get("id");
        Gateway.read(Gateway.send(gateway.request("/api/v1/admin/users/" + userId, platform.admin())
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"tier\":\"PREMIUM\"}"))
                .build()));
        researcher.logIn();
        researcher.createApiKey();
        Gateway.read(gateway.put(
                "/api/v1/users/me/external-tokens/" + michigan.slug(),
                researcher.session(),
                Map.of("token", MichiganServer.tokenOf(researcher.email()))));
        return userId;
    }

    /** Lets the server finish one job: its status turns to 4 with one result file to fetch. */
    private static void finishRemotely(String remoteJobId) {
        String hash = "h-" + remoteJobId;
        WireMockServer server = michigan.wiremock();
        michigan.finish(remoteJobId, """
                [{"id":10,"name":"output","download":true,"hash":"p1","files":[
                  {"name":"chr_20.zip","path":"%s/output/chr_20.zip","hash":"%s","size":"1 KB"}]}]
                """.formatted(remoteJobId, hash));
        server.stubFor(get("/share/results/" + hash + "/chr_20.zip")
                .willReturn(MichiganServer.download("imputed chr20 of " + remoteJobId)));
    }

    private static void assertEveryJobNotifiedOnce(ResearcherJourney researcher, List<Map<String, Object>> jobs) {
        Mailbox mailbox = new Mailbox(platform.imapHost(), platform.imapPort());
        List<Mailbox.Mail> mails = Waiting.until(
                Duration.ofMinutes(2),
                Duration.ofSeconds(2),
                () -> Optional.of(mailbox.read(researcher.email()))
                        .filter(read -> completions(read, jobs.getLast()) > 0),
                () -> "the last job's completion mail never arrived");
        List<?> notifications =
                (List<?>) Gateway.read(gateway.get("/api/v1/notifications?size=100", researcher.apiKey()))
                        .get("items");
        for (Map<String, Object> job : jobs) {
            assertThat(completions(mails, job))
                    .as("completion mails of %s", job.get("name"))
                    .isEqualTo(1);
            assertThat(notifications.stream()
                            .map(Map.class::cast)
                            .filter(notification -> "job.completed".equals(notification.get("eventType"))
                                    && String.valueOf(notification.get("link")).contains((String) job.get("id"))))
                    .as("in-app completion notifications of %s", job.get("name"))
                    .hasSize(1);
        }
    }

    private static long completions(List<Mailbox.Mail> mails, Map<String, Object> job) {
        String named = "\"" + job.get("name") + "\" completed";
        return mails.stream().filter(mail -> mail.text().contains(named)).count();
    }

    private static void assertMonitoringCountedEveryJobOnce(String userId, int jobs) {
        Credential admin = platform.admin();
        Map<?, ?> overall = Waiting.until(
                Duration.ofMinutes(1),
                Duration.ofSeconds(2),
                () -> Optional.of((Map<?, ?>) Gateway.read(
                                        gateway.get("/api/v1/admin/monitoring/analytics/jobs?user=" + userId, admin))
                                .get("overall"))
                        .filter(counted -> ((Number) counted.get("completed")).intValue() >= jobs),
                () -> "monitoring never counted " + jobs + " completed jobs");
        assertThat(overall.get("jobs")).isEqualTo(jobs);
        assertThat(overall.get("completed")).isEqualTo(jobs);
    }

    /** Something that goes wrong on the platform, and its recovery. */
    private record Fault(String name, Step recovery) {

        void happen() throws Exception {
            recovery.run();
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }
}
