package org.fedimpute.files.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.fedimpute.files.FileApiTestSupport;
import org.fedimpute.files.GeneratedContent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Researchers list, read and delete their own files; admins look through everyone's. */
class FileRecordsApiTests extends FileApiTestSupport {

    @Autowired
    private FileRecords records;

    private final UUID owner = UUID.randomUUID();
    private final String token = researcher(owner);

    @Test
    void aResearcherListsOnlyTheirOwnFilesNewestFirstFilteredAndPaged() {
        UUID job = UUID.randomUUID();
        String first = uploaded(token, "a.vcf", new byte[10], "jobId", job.toString())
                .get("id")
                .asString();
        clock.advance(java.time.Duration.ofSeconds(1));
        String second =
                uploaded(token, "b.vcf", new byte[10], "kind", "TEMP").get("id").asString();
        clock.advance(java.time.Duration.ofSeconds(1));
        String third = uploaded(token, "c.vcf", new byte[10], "jobId", job.toString())
                .get("id")
                .asString();
        uploaded(researcher(UUID.randomUUID()), "theirs.vcf", new byte[10], "jobId", job.toString());

        JsonNode all = body(get("/api/v1/files", token));
        assertThat(ids(all)).containsExactly(third, second, first);
        assertThat(all.get("totalItems").asLong()).isEqualTo(3);

        assertThat(ids(body(get("/api/v1/files?jobId=" + job, token)))).containsExactly(third, first);
        assertThat(ids(body(get("/api/v1/files?kind=TEMP", token)))).containsExactly(second);
        JsonNode page = body(get("/api/v1/files?page=1&size=2", token));
        assertThat(ids(page)).containsExactly(first);
        assertThat(page.get("totalPages").asInt()).isEqualTo(2);
        assertThat(badField(get("/api/v1/files?size=101", token))).isEqualTo("size");
        assertThat(badField(get("/api/v1/files?page=2147483647&size=20", token)))
                .isEqualTo("page");
    }

    @Test
    void aFileIsReadByItsIdAndDeletedFromStorageAndDatabase() throws Exception {
        byte[] content = GeneratedContent.bytes(1000, 31);
        JsonNode file = uploaded(token, "a.vcf", content);
        String id = file.get("id").asString();
        JsonNode read = body(get("/api/v1/files/" + id, token));
        assertThat(read.get("sha256").asString()).isEqualTo(file.get("sha256").asString());
        assertThat(read.get("expiresAt").asString()).isNotBlank();
        String key =
                jdbc.queryForObject("SELECT storage_key FROM files.stored_file WHERE id = ?::uuid", String.class, id);
        assertThat(storage.exists(key)).isTrue();

        HttpResponse<String> deleted =
                send(request("/api/v1/files/" + id, token).DELETE().build());

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(storage.exists(key)).isFalse();
        assertThat(recordsOf(owner)).isZero();
        assertProblem(get("/api/v1/files/" + id, token), 404);
    }

    @Test
    void theValidatorsVerdictAndReportAreKeptAndAnnounced() {
        String id = uploaded(token, "chr1.vcf.gz", new byte[10]).get("id").asString();

        records.recordValidation(UUID.fromString(id), false, 2, 1, "{\"errors\":[\"line 3: bad REF\"]}");

        JsonNode file = body(get("/api/v1/files/" + id, token));
        assertThat(file.get("validationStatus").asString()).isEqualTo("INVALID");
        assertThat(file.get("validationReport").get("errors").get(0).asString()).isEqualTo("line 3: bad REF");
        assertThat(jdbc.queryForList("SELECT type FROM files.event_outbox WHERE subject = ?", String.class, id))
                .containsExactly("file.uploaded", "file.validated");
    }

    @Test
    void adminsListEveryonesFilesOrOneOwnersAndResearchersMayNot() {
        String mine = uploaded(token, "a.vcf", new byte[10]).get("id").asString();

        JsonNode owned = body(get("/api/v1/admin/files?owner=" + owner, admin()));
        assertThat(ids(owned)).containsExactly(mine);
        assertThat(body(get("/api/v1/admin/files", admin())).get("totalItems").asLong())
                .isGreaterThanOrEqualTo(1);
        assertProblem(get("/api/v1/admin/files", token), 403);
        assertProblem(get("/api/v1/files", jobProcessor()), 403);
    }

    private static java.util.List<String> ids(JsonNode page) {
        return page.get("items")
                .valueStream()
                .map(item -> item.get("id").asString())
                .toList();
    }
}
