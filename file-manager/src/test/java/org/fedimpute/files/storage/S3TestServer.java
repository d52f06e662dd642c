package org.fedimpute.files.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * A real S3-compatible server for the S3 backend's tests: Adobe's S3Mock, which the build copies from Maven Central to
 * {@code target/s3-test-server/s3mock.jar}, run as its own JVM on a free loopback port, once per test JVM, and
 * stopped when that JVM exits. When it cannot be started, the tests that need it are skipped and say why.
 */
final class S3TestServer {

    static final String BUCKET = "files";

    /** Where S3Mock (4.11) departs from S3, MinIO and the contract. */
    static final String ABORT_DELETES_OBJECT = "S3Mock removes the object under a key when a multipart upload to that"
            + " key is aborted; S3 and MinIO keep it";

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private static S3TestServer running;
    private static String unavailable;

    private final URI endpoint;
    private final S3Client client;

    private S3TestServer(URI endpoint) {
        this.endpoint = endpoint;
        this.client = S3FileStorage.client(settings(DataSize.ofMegabytes(5)));
    }

    /** The running server, started on first use; skips the calling test when it cannot be started. */
    static synchronized S3TestServer get() {
        if (running == null && unavailable == null) {
            try {
                running = start();
            } catch (IOException | RuntimeException e) {
                unavailable = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unavailable = "interrupted while starting";
            }
        }
        Assumptions.assumeTrue(running != null, () -> "No S3-compatible test server: " + unavailable);
        return running;
    }

    /** Settings of the backend for this server, as {@code fedimpute.files.storage.s3.*} would give them. */
    StorageProperties.S3 settings(DataSize partSize) {
        return new StorageProperties.S3(
                endpoint, "us-east-1", BUCKET, "test-access-key", "test-secret-key", true, partSize);
    }

    S3Client client() {
        return client;
    }

    /** Fails when the bucket holds an object or an unfinished multipart upload under the key. */
    void assertNothingStoredFor(String key) {
        try {
            client.headObject(b -> b.bucket(BUCKET).key(key));
            throw new AssertionError("An object is stored under " + key);
        } catch (NoSuchKeyException expected) {
            // nothing under the key, as it should be
        }
        assertThat(client.listMultipartUploads(b -> b.bucket(BUCKET).prefix(key))
                        .uploads())
                .as("unfinished multipart uploads of %s", key)
                .isEmpty();
    }

    private static S3TestServer start() throws IOException, InterruptedException {
        String jarSetting = System.getProperty("fedimpute.test.s3-server-jar");
        if (jarSetting == null || !Files.isRegularFile(Path.of(jarSetting))) {
            throw new IllegalStateException("S3Mock jar not found at " + jarSetting
                    + " (Maven copies com.adobe.testing:s3mock:exec there before the tests)");
        }
        Path jar = Path.of(jarSetting);
        Path log = jar.resolveSibling("s3-test-server.log");
        Path root = Files.createTempDirectory("s3-test-server");
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(List.of(
                        java,
                        "-Xmx512m",
                        "-XX:+UseSerialGC",
                        "-jar",
                        jar.toString(),
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--com.adobe.testing.s3mock.http-port=" + port,
                        "--com.adobe.testing.s3mock.store.root=" + root,
                        "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process, root)));
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        awaitReady(process, endpoint, log);
        return new S3TestServer(endpoint);
    }

    private static void awaitReady(Process process, URI endpoint, Path log) throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest listBuckets =
                HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited with " + process.exitValue() + ", see " + log);
            }
            try {
                if (http.send(listBuckets, HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new IllegalStateException("S3Mock did not answer within " + START_TIMEOUT + ", see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void stop(Process process, Path root) {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
