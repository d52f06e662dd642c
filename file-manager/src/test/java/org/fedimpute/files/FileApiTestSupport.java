package org.fedimpute.files;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.fedimpute.files.storage.FileStorage;
import org.fedimpute.files.uploads.ReceivedUpload;
import org.fedimpute.files.uploads.UploadCheck;
import org.fedimpute.platform.web.Problems;
import org.fedimpute.test.infra.UseEmbeddedInfra;
import org.fedimpute.test.security.TestJwtIssuer;
import org.fedimpute.test.service.ServiceCalls;
import org.fedimpute.test.time.MovableClock;
import org.fedimpute.test.time.MovableClockConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The files API booted for real on embedded PostgreSQL and Redis, with small limits and quotas so that refusals are
 * cheap to provoke, service-registry stubbed with WireMock, and helpers to call it as a researcher, an admin or a
 * platform service. Subclasses share one context (and database); each test works with fresh user ids.
 *
 * <p>Registered services: {@code small} (1 KB limit), {@code roomy} (no limit of its own), {@code gone} (unknown)
 * and {@code broken} (the registry fails to answer). The {@code FREE} tier may upload 4 MB plainly and keep 8 MB.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "fedimpute.files.limits.plain-max=4MB",
            "fedimpute.files.limits.resumable-max=64MB",
            "fedimpute.files.limits.tiers.PREMIUM.plain-max=16MB",
            "fedimpute.files.quota.tiers.FREE=8MB",
            "fedimpute.files.retention.enabled=false",
            // These tests upload arbitrary bytes under genotype names; UploadValidationTests turn validation on.
            "fedimpute.files.validation.on-upload=false",
            "fedimpute.service-client.secret=file-manager-test-secret"
        })
@UseEmbeddedInfra(isolation = UseEmbeddedInfra.Isolation.CONTEXT)
@Import({MovableClockConfiguration.class, FileApiTestSupport.RefusingCheck.class})
public abstract class FileApiTestSupport {

    /** The name prefix of files that {@link RefusingCheck} refuses, as a validator refuses a broken file. */
    protected static final String REFUSED_BY_CHECK = "refuse-me";

    protected static final long SMALL_SERVICE_LIMIT = 1024;
    protected static final long FREE_PLAIN_LIMIT = 4L << 20;
    protected static final long FREE_QUOTA = 8L << 20;

    protected static final JsonMapper json = JsonMapper.builder().build();
    protected static final WireMockServer registry = startRegistry();

    @LocalServerPort
    protected int port;

    /** Where every context of these tests keeps file contents: the service's own local storage, in the build tree. */
    protected static final Path STORAGE_ROOT = storageRoot();

    @Autowired
    protected FileStorage storage;

    @Autowired
    protected MovableClock clock;

    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void collaborators(DynamicPropertyRegistry properties) {
        properties.add(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> TestJwtIssuer.get().jwksUri());
        properties.add("fedimpute.files.registry.url", registry::baseUrl);
        properties.add("fedimpute.service-client.token-uri", () -> registry.baseUrl() + "/token");
        properties.add("fedimpute.files.storage.local.root", () -> STORAGE_ROOT);
        properties.add(
                "fedimpute.files.uploads.tus-directory",
                () -> Path.of("target", "test-tus").toAbsolutePath());
    }

    @AfterEach
    void setTheClockBack() {
        clock.reset();
    }

    private static Path storageRoot() {
        try {
            return Files.createTempDirectory(
                    Files.createDirectories(Path.of("target", "test-storage")).toAbsolutePath(), "files-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static WireMockServer startRegistry() {
        WireMockServer server = new WireMockServer(options().dynamicPort());
        server.start();
        server.stubFor(post(urlEqualTo("/token"))
                .willReturn(okJson("{\"access_token\":\"x\",\"token_type\":\"Bearer\",\"expires_in\":600}")));
        server.stubFor(
                WireMock.get(urlEqualTo("/internal/services/small")).willReturn(okJson(service("small", "1024"))));
        server.stubFor(
                WireMock.get(urlEqualTo("/internal/services/roomy")).willReturn(okJson(service("roomy", "null"))));
        server.stubFor(WireMock.get(urlEqualTo("/internal/services/gone"))
                .willReturn(aResponse().withStatus(404)));
        server.stubFor(WireMock.get(urlEqualTo("/internal/services/broken"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        return server;
    }

    private static String service(String slug, String maxUploadBytes) {
        return """
                {"id":"%s","slug":"%s","name":"%s","kind":"GA4GH_WES","baseUrl":"http://node","michiganAppId":null,\
                "active":true,"maxUploadBytes":%s}""".formatted(UUID.randomUUID(), slug, slug, maxUploadBytes);
    }

    /** An upload check that refuses files by their name, standing in for the genotype validator. */
    @TestComponent
    static class RefusingCheck implements UploadCheck {

        private final FileStorage storage;

        RefusingCheck(FileStorage storage) {
            this.storage = storage;
        }

        @Override
        public Runnable check(ReceivedUpload upload) throws IOException {
            if (upload.fileName().startsWith(REFUSED_BY_CHECK)) {
                // Reads the content as a validator would: it is in storage by now (or this throws, and the test fails).
                storage.size(upload.storageKey());
                throw Problems.error(HttpStatus.UNPROCESSABLE_CONTENT, "This is not a readable genotype file.");
            }
            return NOTHING_MORE;
        }
    }

    protected static String researcher(UUID user) {
        return TestJwtIssuer.get().researcher(user);
    }

    protected static String premium(UUID user) {
        return TestJwtIssuer.get().mint(user.toString(), List.of("RESEARCHER"), "PREMIUM", Duration.ofMinutes(15));
    }

    protected static String admin() {
        return TestJwtIssuer.get().admin(UUID.randomUUID());
    }

    protected static String jobProcessor() {
        return TestJwtIssuer.get().mint("job-processor", List.of("SERVICE"), null, Duration.ofMinutes(15));
    }

    protected HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    protected URI uri(String path) {
        return URI.create(path.startsWith("http") ? path : "http://127.0.0.1:" + port + path);
    }

    protected static HttpResponse<String> send(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    protected static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        return ServiceCalls.send(request, body);
    }

    protected HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    /** A plain upload of {@code content} named {@code fileName}, with form fields as name-value pairs. */
    protected HttpResponse<String> upload(String token, String fileName, byte[] content, String... fields) {
        Multipart body = new Multipart();
        for (int i = 0; i < fields.length; i += 2) {
            body.field(fields[i], fields[i + 1]);
        }
        return send(request("/api/v1/files", token)
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.file(fileName, content)))
                .build());
    }

    /** Uploads a file that must be accepted and answers its record. */
    protected JsonNode uploaded(String token, String fileName, byte[] content, String... fields) {
        HttpResponse<String> response = upload(token, fileName, content, fields);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body());
    }

    /** A result file streamed in by job-processor for the owner. */
    protected JsonNode result(UUID owner, UUID job, String name, byte[] content) {
        HttpResponse<String> response =
                send(request("/internal/files?ownerId=" + owner + "&jobId=" + job + "&name=" + name, jobProcessor())
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(content))
                        .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body());
    }

    protected static JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    /** How many records the owner has, whatever their state. */
    protected int recordsOf(UUID owner) {
        return jdbc.queryForObject("SELECT count(*) FROM files.stored_file WHERE owner_id = ?", Integer.class, owner);
    }

    /** Every file under the storage root, finished or not, so a test can see that nothing was left behind. */
    protected static List<Path> storedFiles() throws IOException {
        try (Stream<Path> files = Files.walk(STORAGE_ROOT)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Where the local storage keeps the content stored under {@code key}. */
    protected static Path storedPath(String key) throws IOException {
        return storedFiles().stream()
                .filter(file -> file.getFileName().toString().equals(key))
                .findFirst()
                .orElseThrow(() -> new AssertionError("Nothing is stored under " + key));
    }

    protected static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"requestId\":\"").doesNotContain("Exception");
    }

    /** The field a 400 problem names as bad. */
    protected static String badField(HttpResponse<String> response) {
        assertProblem(response, 400);
        return body(response).get("errors").get(0).get("field").asString();
    }
}
