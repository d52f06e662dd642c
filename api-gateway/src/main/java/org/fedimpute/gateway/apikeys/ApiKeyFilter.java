package org.fedimpute.gateway.apikeys;

import org.fedimpute.gateway.errors.ProblemResponses;
import org.fedimpute.gateway.ratelimit.AnonymousAllowance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Replaces an API key ({@code X-API-Key: fi_…} or {@code Authorization: Bearer fi_…}) by the access token it stands
 * for, before security validates the token, so a key never travels past the gateway and the services see only
 * tokens. An unknown or revoked key is 401, and is counted against its client IP's anonymous allowance; once that is
 * used up, keys the gateway holds no token for are refused with 429 without asking user-service. An exchange that
 * cannot be made is 503.
 */
@Component
class ApiKeyFilter implements WebFilter, Ordered {

    static final String API_KEY_HEADER = "X-API-Key";
    private static final String KEY_PREFIX = "fi_";
    private static final Logger log = LoggerFactory.getLogger(ApiKeyFilter.class);

    private final ApiKeyExchange exchange;
    private final ProblemResponses problems;
    private final AnonymousAllowance anonymous;

    ApiKeyFilter(ApiKeyExchange exchange, ProblemResponses problems, AnonymousAllowance anonymous) {
        this.exchange = exchange;
        this.problems = problems;
        this.anonymous = anonymous;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange web, WebFilterChain chain) {
        String apiKey = apiKeyOf(web.getRequest().getHeaders());
        if (apiKey == null) {
            return chain.filter(web);
        }
        if (anonymous.isUsedUp(web) && !exchange.holdsTokenFor(apiKey)) {
            return anonymous.refuse(web);
        }
        return exchange.accessTokenFor(apiKey)
                .flatMap(token -> chain.filter(web.mutate()
                        .request(request -> request.headers(headers -> {
                            headers.remove(API_KEY_HEADER);
                            headers.setBearerAuth(token);
                        }))
                        .build()))
                .onErrorResume(
                        ApiKeyExchange.InvalidApiKey.class,
                        invalid -> anonymous.chargeRefusedKey(
                                web,
                                Mono.defer(() -> problems.write(
                                        web,
                                        HttpStatus.UNAUTHORIZED,
                                        "The API key is not valid (unknown, revoked or expired)."))))
                .onErrorResume(ApiKeyExchange.ExchangeUnavailable.class, unavailable -> {
                    log.warn("API key exchange unavailable: {}", unavailable.getMessage());
                    return problems.write(
                            web,
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "API keys cannot be checked right now. Try again in a moment.");
                });
    }

    private static String apiKeyOf(HttpHeaders headers) {
        String header = headers.getFirst(API_KEY_HEADER);
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.startsWith("Bearer " + KEY_PREFIX)) {
            return authorization.substring("Bearer ".length()).trim();
        }
        return null;
    }

    /** After the request id, before Spring Security (-100) validates the bearer token. */
    @Override
    public int getOrder() {
        return -150;
    }
}
