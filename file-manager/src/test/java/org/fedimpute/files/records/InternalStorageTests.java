package org.fedimpute.files.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.fedimpute.files.FileApiTestSupport;
import org.fedimpute.test.security.TestJwtIssuer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * monitoring-service reads the platform's storage in all, job-processor a job's stored results and whether storage
 * takes files; researchers cannot.
 */
class InternalStorageTests extends FileApiTestSupport {

    private static final String PATH = "/internal/storage";

    @Test
    void theTotalsCountEveryOwnersStoredFiles() {
        JsonNode before = body(get(PATH, monitoringService()));
        UUID ada = UUID.randomUUID();
        UUID grace = UUID.randomUUID();
        uploaded(researcher(ada), "a.vcf", new byte[1000]);
        uploaded(researcher(grace), "b.vcf", new byte[234]);
        result(ada, UUID.randomUUID(), "out.txt", new byte[66]);

        JsonNode after = body(get(PATH, monitoringService()));

        assertThat(after.get("storedBytes").asLong() - before.get("storedBytes").asLong())
                .isEqualTo(1300);
        assertThat(after.get("storedFiles").asLong() - before.get("storedFiles").asLong())
                .isEqualTo(3);
        assertProblem(get(PATH, researcher(ada)), 403);
    }

    @Test
    void jobProcessorListsTheResultsStoredForAJob() {
        UUID ada = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        String first =
                result(ada, job, "chr20.dose.vcf.gz", new byte[10]).get("id").asString();
        String second = result(ada, job, "chr20.info.gz", new byte[5]).get("id").asString();
        result(ada, UUID.randomUUID(), "chr20.dose.vcf.gz", new byte[7]);
        String path = "/internal/jobs/" + job + "/results";

        JsonNode results = body(get(path, jobProcessor()));

        assertThat(results.valueStream().map(file -> file.get("fileName").asString()))
                .containsExactly("chr20.dose.vcf.gz", "chr20.info.gz");
        assertThat(results.valueStream().map(file -> file.get("id").asString())).containsExactly(first, second);
        assertThat(body(get("/internal/jobs/" + UUID.randomUUID() + "/results", jobProcessor())))
                .isEmpty();
        assertProblem(get(path, researcher(ada)), 403);
    }

    @Test
    void jobProcessorProbesStorageAndTheProbeLeavesNothingBehind() throws Exception {
        List<java.nio.file.Path> before = storedFiles();

        HttpResponse<String> probe = send(request("/internal/files/probe", jobProcessor())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());

        assertThat(probe.statusCode()).isEqualTo(204);
        assertThat(storedFiles()).isEqualTo(before);
        assertProblem(
                send(request("/internal/files/probe", researcher(UUID.randomUUID()))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build()),
                403);
    }

    private static String monitoringService() {
        return TestJwtIssuer.get().mint("monitoring-service", List.of("SERVICE"), null, Duration.ofMinutes(15));
    }
}
