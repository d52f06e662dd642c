package org.fedimpute.users.externaltokens;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Duration;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks a Michigan-type (Cloudgene) server whether a researcher's token is valid, with its
 * {@code POST /api/v2/tokens/verify} (form field {@code token}), before the platform relies on it for hours.
 */
@Component
class MichiganTokenCheck {

    private final RestClient http;

    MichiganTokenCheck(RestClient.Builder clients) {
        this.http = clients.clone()
                .requestFactory(ClientHttpRequestFactoryBuilder.detect()
                        .build(HttpClientSettings.defaults()
                                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10))))
                .build();
    }

    Verdict check(String baseUrl, String token) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("token", token);
        try {
            VerifyResponse answer = http.post()
                    .uri(baseUrl.replaceAll("/+$", "") + "/api/v2/tokens/verify")
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(form)
                    .retrieve()
                    .body(VerifyResponse.class);
            if (answer == null) {
                return Verdict.unreachable();
            }
            return answer.valid()
                    ? new Verdict(Outcome.VALID, answer.expire(), answer.username(), null)
                    : new Verdict(Outcome.INVALID, null, null, answer.message());
        } catch (RestClientException e) {
            return Verdict.unreachable();
        }
    }

    /** What the server answered: valid (with its expiry and account name), invalid (with its reason), or nothing. */
    record Verdict(Outcome outcome, String expires, String username, String message) {

        static Verdict unreachable() {
            return new Verdict(Outcome.UNREACHABLE, null, null, null);
        }
    }

    enum Outcome {
        VALID,
        INVALID,
        UNREACHABLE
    }

    /** Cloudgene's answer: {@code {"valid":…,"expire":…,"name":…,"username":…,"message":…}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record VerifyResponse(boolean valid, String expire, String username, String message) {}
}
