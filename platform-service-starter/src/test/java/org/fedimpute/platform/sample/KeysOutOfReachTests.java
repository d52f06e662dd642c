package org.fedimpute.platform.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.fedimpute.test.infra.FreePorts;
import org.fedimpute.test.infra.UseEmbeddedInfra;
import org.fedimpute.test.security.TestJwtIssuer;
import org.fedimpute.test.service.ServiceCalls;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * While user-service's keys cannot be fetched (it is restarting and this service has not cached them yet), a caller
 * with a good token is told to retry (503 with {@code Retry-After}), not that the token is bad (401) nor given a 500;
 * a token that is not even a JWT is still a 401.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UseEmbeddedInfra
class KeysOutOfReachTests {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void keysNobodyServes(DynamicPropertyRegistry registry) throws IOException {
        int closed = FreePorts.find();
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> "http://127.0.0.1:" + closed + "/.well-known/jwks.json");
    }

    @Test
    void aGoodTokenThatCannotBeCheckedIsA503ToRetry() {
        HttpResponse<String> response = me(TestJwtIssuer.get().researcher(UUID.randomUUID()));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":503").doesNotContain("jwks");
    }

    @Test
    void somethingThatIsNotATokenIsStillA401() {
        assertThat(me("not-a-token").statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> me(String token) {
        return ServiceCalls.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/samples/me"))
                .header("Authorization", "Bearer " + token)
                .build());
    }
}
