package org.fedimpute.files.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.fedimpute.files.FileApiTestSupport;
import org.fedimpute.files.Multipart;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Benchmark (printed, not asserted): upload throughput over loopback, as a ratio to writing the same number of bytes
 * with {@code dd ... conv=fdatasync} into the same storage directory. Both the plain multipart upload (researchers)
 * and the raw-body upload (job-processor's results) are measured, each after a warm-up, best of {@value #RUNS}.
 * Run with {@code ./mvnw -o test -pl file-manager -Dgroups=benchmark -DexcludedGroups=
 * -Dtest=UploadThroughputBenchmark -DskipLowMemoryTests}.
 */
@Tag("benchmark")
@TestPropertySource(properties = "fedimpute.files.limits.tiers.PREMIUM.plain-max=3GB")
class UploadThroughputBenchmark extends FileApiTestSupport {

    private static final long SIZE = 2L << 30;
    private static final int RUNS = 3;

    private final UUID owner = UUID.randomUUID();
    private final String token = premium(owner);

    @Test
    void uploadThroughputComparedWithDdOnTheSameDisk() throws Exception {
        plainUpload(256L << 20);
        rawUpload(256L << 20);
        double dd = 0;
        double plain = 0;
        double raw = 0;
        for (int run = 1; run <= RUNS; run++) {
            dd = Math.max(dd, dd());
            plain = Math.max(plain, plainUpload(SIZE));
            raw = Math.max(raw, rawUpload(SIZE));
            System.out.printf(
                    "run %d: dd %.0f MB/s, plain upload %.0f MB/s, raw upload %.0f MB/s%n", run, dd, plain, raw);
        }
        System.out.printf(
                "Upload throughput, 2 GB over loopback, best of %d: plain multipart %.0f MB/s (%.2f of dd),"
                        + " raw body %.0f MB/s (%.2f of dd); dd bs=1M conv=fdatasync to the same disk %.0f MB/s;"
                        + " %d cores, load average %.1f%n",
                RUNS,
                plain,
                plain / dd,
                raw,
                raw / dd,
                dd,
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private double plainUpload(long size) {
        Multipart body = new Multipart();
        long started = System.nanoTime();
        HttpResponse<String> response = send(request("/api/v1/files", token)
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body.file("bench.vcf.gz", new Repeating(size))))
                .build());
        return finished(response, size, started);
    }

    private double rawUpload(long size) {
        long started = System.nanoTime();
        HttpResponse<String> response = send(request(
                        "/internal/files?ownerId=" + owner + "&jobId=" + UUID.randomUUID() + "&name=bench.vcf.gz",
                        jobProcessor())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new Repeating(size)), size))
                .build());
        return finished(response, size, started);
    }

    private double finished(HttpResponse<String> response, long size, long started) {
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String id = body(response).get("id").asString();
        assertThat(send(request("/api/v1/files/" + id, token).DELETE().build()).statusCode())
                .isEqualTo(204);
        return size / seconds / (1 << 20);
    }

    private double dd() throws IOException, InterruptedException {
        Path target = STORAGE_ROOT.resolve("dd-benchmark");
        long started = System.nanoTime();
        Process dd = new ProcessBuilder(
                        "dd", "if=/dev/zero", "of=" + target, "bs=1M", "count=" + (SIZE >> 20), "conv=fdatasync")
                .redirectErrorStream(true)
                .start();
        dd.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(dd.waitFor(5, TimeUnit.MINUTES)).isTrue();
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(dd.exitValue()).isZero();
        Files.delete(target);
        return SIZE / seconds / (1 << 20);
    }

    /** One random megabyte, repeated: content that costs the client next to nothing to produce. */
    private static final class Repeating extends InputStream {

        private static final byte[] BLOCK = new byte[1 << 20];

        static {
            new SplittableRandom(5).nextBytes(BLOCK);
        }

        private long left;
        private int position;

        Repeating(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left == 0) {
                return -1;
            }
            int count = (int) Math.min(Math.min(length, left), BLOCK.length - position);
            System.arraycopy(BLOCK, position, buffer, offset, count);
            position = (position + count) % BLOCK.length;
            left -= count;
            return count;
        }
    }
}
