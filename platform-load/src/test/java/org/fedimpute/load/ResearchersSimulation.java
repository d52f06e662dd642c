package org.fedimpute.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.uniformRandomSwitch;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;

/**
 * Researchers using the platform at once, as they do all day: each browses the imputation services and a service's
 * panels, submits one imputation job, then keeps polling its status, listing their jobs and browsing again with a
 * think time of one to three seconds, and finally cancels the job if it still runs. By default 200 researchers go
 * through the gateway; {@code -Dfedimpute.load.via=direct} repeats the same calls on the owning services to show
 * what the gateway adds. Gatling writes its HTML report under {@code platform-load/target/gatling/}.
 */
public class ResearchersSimulation extends Simulation {

    private static final LoadSettings SETTINGS = LoadSettings.fromSystemProperties();

    private static final ChainBuilder BROWSE_SERVICES = exec(http("browse services")
            .get(SETTINGS.baseFor("registry") + "/api/v1/services")
            .check(status().is(200)));

    private static final ChainBuilder SUBMIT_JOB = exec(http("submit job")
            .post(SETTINGS.baseFor("jobs") + "/api/v1/jobs")
            .body(StringBody("{\"name\":\"load test #{fileId}\",\"service\":\"" + SETTINGS.service()
                    + "\",\"referencePanel\":\"" + SETTINGS.panel()
                    + "\",\"build\":\"hg38\",\"fileIds\":[\"#{fileId}\"]}"))
            .asJson()
            .check(status().is(201), jsonPath("$.id").saveAs("jobId")));

    private static final ChainBuilder POLL_STATUS = exec(http("job status")
            .get(SETTINGS.baseFor("jobs") + "/api/v1/jobs/#{jobId}")
            .check(status().is(200)));

    private static final ChainBuilder LIST_JOBS = exec(http("list jobs")
            .get(SETTINGS.baseFor("jobs") + "/api/v1/jobs?size=20")
            .check(status().is(200)));

    // A job that has already finished cannot be cancelled: 409 is the documented answer then.
    private static final ChainBuilder CANCEL_JOB = exec(http("cancel job")
            .post(SETTINGS.baseFor("jobs") + "/api/v1/jobs/#{jobId}/cancel")
            .check(status().in(202, 409)));

    private final ScenarioBuilder researcher = scenario("researcher")
            .feed(listFeeder(ResearcherAccounts.prepare(SETTINGS)).queue())
            .exec(BROWSE_SERVICES)
            .exec(http("list panels")
                    .get(SETTINGS.baseFor("registry") + "/api/v1/services/" + SETTINGS.service() + "/reference-panels")
                    .check(status().is(200)))
            .exec(SUBMIT_JOB)
            .during(SETTINGS.session())
            .on(
                    pause(Duration.ofSeconds(1), Duration.ofSeconds(3)),
                    uniformRandomSwitch().on(POLL_STATUS, LIST_JOBS, BROWSE_SERVICES))
            .exec(CANCEL_JOB);

    private final HttpProtocolBuilder protocol = http.acceptHeader("application/json")
            .userAgentHeader("fedimpute-load")
            .header("Authorization", "Bearer #{token}");

    {
        System.out.printf(
                "%d researchers %s, ramp-up %s, %s each%n",
                SETTINGS.users(),
                SETTINGS.viaGateway() ? "through the gateway " + SETTINGS.gateway() : "straight at the services",
                SETTINGS.rampUp(),
                SETTINGS.session());
        setUp(researcher.injectOpen(rampUsers(SETTINGS.users()).during(SETTINGS.rampUp())))
                .protocols(protocol)
                .assertions(global().failedRequests().count().is(0L));
    }
}
