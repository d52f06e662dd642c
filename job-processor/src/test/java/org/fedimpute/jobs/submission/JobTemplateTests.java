package org.fedimpute.jobs.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.fedimpute.jobs.JobsApiTest;
import org.fedimpute.jobs.PeerStubs;
import org.fedimpute.test.concurrency.AtOnce;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A researcher saves a job configuration, finds it in their list only, and submits it again with new files. */
class JobTemplateTests extends JobsApiTest {

    private final UUID user = UUID.randomUUID();
    private final String token = researcher(user);
    private final String service = unique("tpl");

    @Test
    void aTemplateSavedManyTimesAtOnceIsSavedOnceAndTheOthersAreToldItsNameIsTaken() throws Exception {
        String template = """
                {"name":"%s","service":"%s","referencePanel":"%s","build":"hg38","population":"eur"}
                """.formatted(unique("twice"), service, PeerStubs.panelKey(service));
        List<HttpResponse<String>> answers =
                AtOnce.times(8, () -> call("POST", "/api/v1/job-templates", token, template));

        int saved = 0;
        for (HttpResponse<String> answer : answers) {
            if (answer.statusCode() == 201) {
                saved++;
            } else {
                assertFieldProblem(answer, 400, "name", "already have");
            }
        }
        assertThat(saved).isEqualTo(1);
    }

    @Test
    void aSavedTemplateIsSubmittedWithNewFilesAndCheckedLikeAnySubmission() {
        peers.service(service, false, true);
        String template = """
                {"name":"%s","service":"%s","referencePanel":"%s","build":"hg38","population":"eur",
                 "phasing":"beagle","r2Filter":"0.1","mode":"qc_only"}
                """.formatted(unique("weekly"), service, PeerStubs.panelKey(service));
        JsonNode saved = body(call("POST", "/api/v1/job-templates", token, template), 201);
        String id = saved.get("id").asString();
        assertFieldProblem(call("POST", "/api/v1/job-templates", token, template), 400, "name", "already have");

        JsonNode mine = body(call("GET", "/api/v1/job-templates", token, null), 200);
        assertThat(mine.get("items").get(0).get("id").asString()).isEqualTo(id);
        assertFieldProblem(
                call("GET", "/api/v1/job-templates?page=2147483647", token, null), 400, "page", "between 0 and");
        String stranger = researcher(UUID.randomUUID());
        assertThat(body(call("GET", "/api/v1/job-templates", stranger, null), 200)
                        .get("totalItems")
                        .asLong())
                .isZero();
        String use = "{\"name\":\"from template\",\"fileIds\":[\"" + peers.file(user, "VALID", null) + "\"]}";
        problem(call("POST", "/api/v1/job-templates/" + id + "/jobs", stranger, use), 404);

        JsonNode job = body(call("POST", "/api/v1/job-templates/" + id + "/jobs", token, use), 201);
        assertThat(job.get("name").asString()).isEqualTo("from template");
        assertThat(job.get("population").asString()).isEqualTo("eur");
        assertThat(job.get("phasing").asString()).isEqualTo("beagle");
        assertThat(job.get("r2Filter").asString()).isEqualTo("0.1");
        assertThat(job.get("mode").asString()).isEqualTo("qc_only");

        String invalidFile = "{\"fileIds\":[\"" + peers.file(user, "PENDING", null) + "\"]}";
        assertFieldProblem(
                call("POST", "/api/v1/job-templates/" + id + "/jobs", token, invalidFile),
                409,
                "fileIds[0]",
                "still being validated");

        assertThat(call("DELETE", "/api/v1/job-templates/" + id, token, null).statusCode())
                .isEqualTo(204);
        problem(call("POST", "/api/v1/job-templates/" + id + "/jobs", token, use), 404);
    }

    @Test
    void anInvalidTemplateIsRefused() {
        String template = """
                {"name":"bad","service":"%s","referencePanel":"p","build":"hg37"}
                """.formatted(service);
        assertFieldProblem(call("POST", "/api/v1/job-templates", token, template), 400, "build", "hg19 or hg38");
    }
}
