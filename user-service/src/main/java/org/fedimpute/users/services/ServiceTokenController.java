package org.fedimpute.users.services;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import org.fedimpute.users.tokens.AccessTokens;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * OAuth 2.0 client credentials for the platform's services: a service authenticates with HTTP Basic and gets a
 * short-lived token with role {@code SERVICE} and its {@code client_id}, which the receiving service checks.
 */
@RestController
@EnableConfigurationProperties(ServiceClientProperties.class)
class ServiceTokenController {

    private static final Duration LIFETIME = Duration.ofMinutes(10);

    private final ServiceClientProperties clients;
    private final AccessTokens accessTokens;

    ServiceTokenController(ServiceClientProperties clients, AccessTokens accessTokens) {
        this.clients = clients;
        this.accessTokens = accessTokens;
    }

    @PostMapping(value = "/internal/service-tokens", consumes = "application/x-www-form-urlencoded")
    ServiceToken issue(
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestParam("grant_type") String grantType) {
        if (!"client_credentials".equals(grantType)) {
            throw new ErrorResponseException(
                    HttpStatus.BAD_REQUEST,
                    ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Only grant_type=client_credentials."),
                    null);
        }
        String clientId = authenticate(authorization);
        AccessTokens.IssuedToken token = accessTokens.issueForService(clientId, LIFETIME);
        return new ServiceToken(token.value(), "Bearer", token.lifetime().toSeconds());
    }

    private String authenticate(String authorization) {
        if (authorization != null && authorization.startsWith("Basic ")) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                throw unauthorized();
            }
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                String clientId = decoded.substring(0, colon);
                String secret = decoded.substring(colon + 1);
                String expected = clients.serviceClients().get(clientId);
                if (expected != null
                        && MessageDigest.isEqual(
                                expected.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
                    return clientId;
                }
            }
        }
        throw unauthorized();
    }

    private static ErrorResponseException unauthorized() {
        ErrorResponseException error = new ErrorResponseException(
                HttpStatus.UNAUTHORIZED,
                ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "Unknown client or wrong secret."),
                null);
        error.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"fedimpute-services\"");
        return error;
    }

    /** The token response in OAuth 2.0's member names. */
    record ServiceToken(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn) {

        @Override
        public String toString() {
            return "ServiceToken[***, expiresIn=" + expiresIn + "]";
        }
    }
}
