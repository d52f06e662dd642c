package org.fedimpute.platform.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.fedimpute.test.infra.UseEmbeddedInfra;
import org.fedimpute.test.security.TestJwtIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Containers log one JSON object per line (the images set {@code logging.structured.format.console=logstash}); an
 * operator finds every line of a call by the request id it answered with, and its trace by the trace id beside it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.structured.format.console=logstash")
@UseEmbeddedInfra
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsTests {

    private static final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void tokensFromTheTestIssuer(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> TestJwtIssuer.get().jwksUri());
    }

    @Test
    void aRequestsLogLineIsJsonCarryingItsRequestAndTraceIds(CapturedOutput output) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/samples/boom"))
                                .header(
                                        "Authorization",
                                        "Bearer " + TestJwtIssuer.get().researcher(UUID.randomUUID()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();

        JsonNode line = output.getOut()
                .lines()
                .filter(text -> text.startsWith("{") && text.contains(requestId))
                .map(json::readTree)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no JSON log line with request id " + requestId));

        assertThat(line.path("requestId").asString()).isEqualTo(requestId);
        assertThat(line.path("traceId").asString()).matches("[0-9a-f]{32}");
        assertThat(line.path("spanId").asString()).matches("[0-9a-f]{16}");
        assertThat(line.path("level").asString()).isEqualTo("ERROR");
        assertThat(line.path("message").asString()).contains("Unhandled exception");
    }
}
