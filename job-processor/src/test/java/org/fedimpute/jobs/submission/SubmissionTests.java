package org.fedimpute.jobs.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.fedimpute.jobs.JobsApiTest;
import org.fedimpute.jobs.PeerStubs;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A submission is refused at once, with the field and the reason, for everything job-processor can know before
 * queueing: the service, its panel, build and population, the input files and their validation, the researcher's
 * token for the server, and the tier's quota. A refused submission stores no job.
 */
class SubmissionTests extends JobsApiTest {

    private final UUID user = UUID.randomUUID();
    private final String token = researcher(user);
    private final String service = unique("svc");

    @Test
    void aCheckedSubmissionIsQueuedWithEveryTransitionAndEventSoFar() {
        peers.service(service, true, true);
        peers.token(user, service);
        UUID file = peers.file(user, "VALID", null);

        JsonNode job = body(call("POST", "/api/v1/jobs", token, submission(unique("ok"), service, file)), 201);

        assertThat(job.get("status").asString()).isEqualTo("QUEUED");
        assertThat(job.get("referencePanel").asString()).isEqualTo(PeerStubs.panelKey(service));
        assertThat(job.get("population").asString()).isEqualTo("afr");
        assertThat(job.has("resultPassword")).isFalse();
        String id = job.get("id").asString();
        JsonNode history = body(call("GET", "/api/v1/jobs/" + id + "/history", token, null), 200);
        assertThat(history.get(0).get("to").asString()).isEqualTo("PENDING");
        assertThat(history.get(1).get("from").asString()).isEqualTo("PENDING");
        assertThat(history.get(1).get("to").asString()).isEqualTo("QUEUED");
        assertThat(eventTypes(id)).startsWith("job.submitted", "job.queued");
        byte[] password =
                jdbc.queryForObject("SELECT result_password FROM imputation_job WHERE id = ?::uuid", byte[].class, id);
        assertThat(password).hasSizeGreaterThan(12 + 16);
    }

    @Test
    void anUnknownServiceIsRefused() {
        assertRefused(submission("x", "no-such-service", peers.file(user, "VALID", null)), 400, "service", "no active");
    }

    @Test
    void aServiceNameTheRegistryRefusesToLookUpIsRefusedAsUnknown() {
        peers.lookupRefused(service);
        assertRefused(submission("x", service, peers.file(user, "VALID", null)), 400, "service", "no active");
    }

    @Test
    void aServiceFoundIsKeptForAMomentAndOneNotFoundIsLookedUpAgain() {
        UUID file = peers.file(user, "VALID", null);
        assertRefused(submission("x", service, file), 400, "service", "no active");
        assertRefused(submission("x", service, file), 400, "service", "no active");
        assertThat(peers.lookupsOf(service)).isEqualTo(2);

        peers.service(service, false, true);
        body(call("POST", "/api/v1/jobs", token, submission(unique("first"), service, file)), 201);
        body(call("POST", "/api/v1/jobs", token, submission(unique("second"), service, file)), 201);
        assertThat(peers.lookupsOf(service))
                .as("the registry is asked once: the service is kept for fedimpute.jobs.registry-cache-ttl")
                .isEqualTo(3);
    }

    @Test
    void anInactiveServiceIsRefused() {
        peers.service(service, false, false);
        assertRefused(submission("x", service, peers.file(user, "VALID", null)), 400, "service", "no active");
    }

    @Test
    void aPanelTheServiceLacksIsRefused() {
        peers.service(service, false, true);
        assertRefused(
                submission("x", service, "apps@other@1", "hg38", "afr", peers.file(user, "VALID", null)),
                400,
                "referencePanel",
                "offers no such panel");
    }

    @Test
    void anUnavailablePanelIsRefused() {
        peers.service(service, false, true, false);
        assertRefused(
                submission("x", service, peers.file(user, "VALID", null)), 400, "referencePanel", "not available");
    }

    @Test
    void aBuildThePanelLacksIsRefused() {
        peers.service(service, false, true);
        assertRefused(
                submission("x", service, PeerStubs.panelKey(service), "hg19", "afr", peers.file(user, "VALID", null)),
                400,
                "build",
                "built on hg38");
    }

    @Test
    void aPopulationThePanelLacksIsRefused() {
        peers.service(service, false, true);
        assertRefused(
                submission("x", service, PeerStubs.panelKey(service), "hg38", "eas", peers.file(user, "VALID", null)),
                400,
                "population",
                "afr, eur, mixed only");
    }

    @Test
    void aBuildThatIsNoBuildIsRefusedByValidation() {
        peers.service(service, false, true);
        HttpResponse<String> response = call(
                "POST",
                "/api/v1/jobs",
                token,
                submission("x", service, PeerStubs.panelKey(service), "hg37", "afr", peers.file(user, "VALID", null)));
        problem(response, 400);
        assertThat(response.body()).contains("\"field\":\"build\"");
    }

    @Test
    void anUnknownFileIsRefused() {
        peers.service(service, false, true);
        assertRefused(submission("x", service, UUID.randomUUID()), 400, "fileIds[0]", "no such file");
    }

    @Test
    void anotherUsersFileIsRefusedLikeAnUnknownOne() {
        peers.service(service, false, true);
        UUID mine = peers.file(user, "VALID", null);
        UUID theirs = peers.file(UUID.randomUUID(), "VALID", null);
        assertRefused(submission("x", service, mine, theirs), 400, "fileIds[1]", "no such file");
    }

    @Test
    void anInvalidFileIsRefusedWithTheValidatorsFindings() {
        peers.service(service, false, true);
        UUID invalid = peers.file(
                user, "INVALID", "{\"errors\":[\"chromosome 20 is named chr20 on hg19\"],\"excludedSnps\":12}");
        JsonNode problem = assertRefused(submission("x", service, invalid), 400, "fileIds[0]", "failed validation");
        assertThat(problem.get("validationReport").get("errors").get(0).asString())
                .isEqualTo("chromosome 20 is named chr20 on hg19");
        assertThat(problem.get("validationReport").get("excludedSnps").asInt()).isEqualTo(12);
    }

    @Test
    void aValidFileIsRefusedForABuildItsReportFailsFor() {
        peers.service(service, false, true, true, "hg19", "hg38");
        UUID hg38File = peers.file(user, "VALID", null);

        JsonNode problem = assertRefused(
                submission("x", service, PeerStubs.panelKey(service), "hg19", "afr", hg38File),
                400,
                "fileIds[0]",
                "is not valid for build hg19");
        assertThat(problem.get("validationReport")
                        .get("findings")
                        .get(0)
                        .get("code")
                        .asString())
                .isEqualTo("BUILD_MISMATCH");
    }

    @Test
    void aFileStillBeingValidatedIsAConflictToTryAgain() {
        peers.service(service, false, true);
        assertRefused(
                submission("x", service, peers.file(user, "PENDING", null)),
                409,
                "fileIds[0]",
                "still being validated");
    }

    @Test
    void inputsLargerThanTheServiceAcceptsAreRefused() {
        peers.service(service, false, true);
        assertRefused(
                submission("x", service, peers.fileOfSize(user, 600_000), peers.fileOfSize(user, 600_000)),
                400,
                "fileIds",
                "accepts at most 1000000 bytes");
    }

    @Test
    void aServiceNeedingTheResearchersTokenIsRefusedWithoutOne() {
        peers.service(service, true, true);
        assertRefused(
                submission("x", service, peers.file(user, "VALID", null)), 400, "service", "store your own token");
    }

    @Test
    void theFreeTierMayHaveTwoJobsAtOnceAndPremiumMore() {
        peers.service(service, false, true);
        for (int i = 0; i < 2; i++) {
            body(
                    call(
                            "POST",
                            "/api/v1/jobs",
                            token,
                            submission(unique("free"), service, peers.file(user, "VALID", null))),
                    201);
        }
        JsonNode refused = problem(
                call(
                        "POST",
                        "/api/v1/jobs",
                        token,
                        submission(unique("free"), service, peers.file(user, "VALID", null))),
                429);
        assertThat(refused.get("detail").asString()).contains("2 jobs queued or running at once");
        assertThat(refused.get("limit").asInt()).isEqualTo(2);

        UUID premiumUser = UUID.randomUUID();
        String premium = premium(premiumUser);
        for (int i = 0; i < 3; i++) {
            body(
                    call(
                            "POST",
                            "/api/v1/jobs",
                            premium,
                            submission(unique("premium"), service, peers.file(premiumUser, "VALID", null))),
                    201);
        }
    }

    @Test
    void submissionsSentAtOnceCannotRacePastTheQuota() throws Exception {
        peers.service(service, false, true);
        int attempts = 8;
        List<String> requests = IntStream.range(0, attempts)
                .mapToObj(i -> submission(unique("race"), service, peers.file(user, "VALID", null)))
                .toList();
        CountDownLatch start = new CountDownLatch(1);
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> answers = requests.stream()
                    .map(request -> clients.submit(() -> {
                        start.await();
                        return call("POST", "/api/v1/jobs", token, request).statusCode();
                    }))
                    .toList();
            start.countDown();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
        }
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(2);
        assertThat(statuses).filteredOn(status -> status == 429).hasSize(attempts - 2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM imputation_job WHERE user_id = ?", Long.class, user))
                .isEqualTo(2);
    }

    @Test
    void aTiersMonthlyQuotaCountsEveryJobSubmittedThisMonth() {
        peers.service(service, false, true);
        UUID trialUser = UUID.randomUUID();
        String trial =
                TOKENS.mint(trialUser.toString(), List.of("RESEARCHER"), "TRIAL", java.time.Duration.ofMinutes(5));
        body(
                call(
                        "POST",
                        "/api/v1/jobs",
                        trial,
                        submission(unique("trial"), service, peers.file(trialUser, "VALID", null))),
                201);
        JsonNode refused = problem(
                call(
                        "POST",
                        "/api/v1/jobs",
                        trial,
                        submission(unique("trial"), service, peers.file(trialUser, "VALID", null))),
                429);
        assertThat(refused.get("detail").asString()).contains("1 jobs per calendar month");
    }

    private JsonNode assertRefused(String request, int status, String field, String reason) {
        long before = jdbc.queryForObject("SELECT count(*) FROM imputation_job WHERE user_id = ?", Long.class, user);
        HttpResponse<String> response = call("POST", "/api/v1/jobs", token, request);
        assertFieldProblem(response, status, field, reason);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM imputation_job WHERE user_id = ?", Long.class, user))
                .isEqualTo(before);
        return json.readTree(response.body());
    }
}
