package org.fedimpute.files.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.fedimpute.files.FileApiTestSupport;
import org.fedimpute.files.GeneratedContent;
import org.fedimpute.files.Multipart;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A 2 GB upload through the service in a JVM whose heap is capped at 256 MB (the surefire execution
 * {@code low-memory}): it completes, and the checksum the service computed matches the one computed while sending.
 * The bytes are generated as they are sent, never held in memory or on disk by the client.
 */
@Tag("low-memory")
@TestPropertySource(properties = "fedimpute.files.limits.tiers.PREMIUM.plain-max=3GB")
class LargeUploadTests extends FileApiTestSupport {

    private static final long SIZE = 2L << 30;
    private static final long HEAP_CAP = 256L << 20;

    @Test
    void aTwoGigabyteUploadCompletesInA256MegabyteHeapWithTheSameChecksum() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory())
                .as("run by the low-memory execution")
                .isLessThanOrEqualTo(HEAP_CAP);
        UUID owner = UUID.randomUUID();
        String token = premium(owner);
        GeneratedContent content = new GeneratedContent(SIZE, 2024);
        Multipart body = new Multipart().field("declaredBuild", "GRCh38");
        long started = System.nanoTime();

        HttpResponse<String> response = send(request("/api/v1/files", token)
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body.file("cohort.vcf.gz", content)))
                .build());

        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode file = body(response);
        assertThat(file.get("sizeBytes").asLong()).isEqualTo(SIZE);
        assertThat(file.get("sha256").asString()).isEqualTo(content.sha256());
        String id = file.get("id").asString();
        String key =
                jdbc.queryForObject("SELECT storage_key FROM files.stored_file WHERE id = ?::uuid", String.class, id);
        assertThat(storage.size(key)).isEqualTo(SIZE);
        System.out.printf(
                "2 GB plain upload with -Xmx%d MB: %.1f s (%.0f MB/s), peak heap in use %d MB%n",
                Runtime.getRuntime().maxMemory() >> 20, seconds, SIZE / seconds / (1 << 20), peakHeapBytes() >> 20);

        assertThat(send(request("/api/v1/files/" + id, token).DELETE().build()).statusCode())
                .isEqualTo(204);
    }

    private static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getPeakUsage)
                .mapToLong(usage -> usage.getUsed())
                .sum();
    }
}
