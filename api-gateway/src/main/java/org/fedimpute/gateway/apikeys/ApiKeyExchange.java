package org.fedimpute.gateway.apikeys;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * Turns an API key into the access token user-service issues for it, authenticating the gateway with its own
 * service token (client credentials). Tokens are cached per key for a short while, keyed by the key's hash, so
 * scripts polling a job do not cost an exchange per request.
 */
@Component
@EnableConfigurationProperties(ApiKeyProperties.class)
class ApiKeyExchange {

    private static final Duration EARLY_RENEWAL = Duration.ofSeconds(30);

    private final ApiKeyProperties properties;
    private final WebClient userService;
    private final Clock clock = Clock.systemUTC();
    private final Cache<String, CachedToken> tokensByKeyHash;
    private final AtomicReference<CachedToken> serviceToken = new AtomicReference<>();

    ApiKeyExchange(ApiKeyProperties properties, WebClient.Builder webClients) {
        this.properties = properties;
        this.userService = webClients.baseUrl(properties.userService()).build();
        this.tokensByKeyHash = Caffeine.newBuilder()
                .maximumSize(properties.cacheSize())
                .expireAfter(Expiry.<String, CachedToken>creating(
                        (keyHash, token) -> Duration.between(clock.instant(), token.validUntil())))
                .build();
    }

    /** Whether a token for this key is at hand, so that using the key asks user-service nothing. */
    boolean holdsTokenFor(String apiKey) {
        return cachedTokenFor(hash(apiKey)) != null;
    }

    /** The access token for a key; fails with {@link InvalidApiKey} or {@link ExchangeUnavailable}. */
    Mono<String> accessTokenFor(String apiKey) {
        String keyHash = hash(apiKey);
        String cached = cachedTokenFor(keyHash);
        if (cached != null) {
            return Mono.just(cached);
        }
        return serviceToken()
                .flatMap(service -> userService
                        .post()
                        .uri("/internal/api-keys/exchange")
                        .headers(headers -> headers.setBearerAuth(service))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("apiKey", apiKey))
                        .retrieve()
                        .bodyToMono(ExchangedToken.class))
                .timeout(properties.timeout())
                .map(exchanged -> {
                    Duration ttl = min(
                            properties.cacheTtl(),
                            Duration.ofSeconds(exchanged.expiresIn()).minus(EARLY_RENEWAL));
                    tokensByKeyHash.put(
                            keyHash,
                            new CachedToken(
                                    exchanged.accessToken(), clock.instant().plus(ttl)));
                    return exchanged.accessToken();
                })
                .onErrorMap(this::classify);
    }

    private String cachedTokenFor(String keyHash) {
        CachedToken cached = tokensByKeyHash.getIfPresent(keyHash);
        return cached != null && cached.validAt(clock.instant()) ? cached.value() : null;
    }

    private Mono<String> serviceToken() {
        if (properties.clientSecret() == null || properties.clientSecret().isBlank()) {
            return Mono.error(new ExchangeUnavailable("the gateway has no client secret for user-service"));
        }
        CachedToken cached = serviceToken.get();
        if (cached != null && cached.validAt(clock.instant())) {
            return Mono.just(cached.value());
        }
        return userService
                .post()
                .uri("/internal/service-tokens")
                .headers(headers -> headers.setBasicAuth(properties.clientId(), properties.clientSecret()))
                .body(BodyInserters.fromFormData("grant_type", "client_credentials"))
                .retrieve()
                .bodyToMono(ServiceToken.class)
                .map(token -> {
                    serviceToken.set(new CachedToken(
                            token.accessToken(),
                            clock.instant().plusSeconds(token.expiresIn()).minus(EARLY_RENEWAL)));
                    return token.accessToken();
                });
    }

    private Throwable classify(Throwable failure) {
        if (failure instanceof InvalidApiKey || failure instanceof ExchangeUnavailable) {
            return failure;
        }
        // user-service answers 401 for a key it does not know and 400 for what cannot be a key (too long, say); both
        // are about the caller's key, not the gateway's own credentials.
        if (failure instanceof WebClientResponseException response
                && (response.getStatusCode().value() == HttpStatus.UNAUTHORIZED.value()
                        || response.getStatusCode().value() == HttpStatus.BAD_REQUEST.value())
                && response.getRequest() != null
                && response.getRequest().getURI().getPath().endsWith("/exchange")) {
            return new InvalidApiKey();
        }
        if (failure instanceof WebClientResponseException response
                && response.getStatusCode().is4xxClientError()) {
            serviceToken.set(null);
        }
        return new ExchangeUnavailable(failure.getClass().getSimpleName());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String hash(String apiKey) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record CachedToken(String value, Instant validUntil) {

        boolean validAt(Instant now) {
            return validUntil.isAfter(now);
        }
    }

    record ExchangedToken(String accessToken, long expiresIn) {}

    record ServiceToken(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("expires_in") long expiresIn) {}

    /** user-service does not know the key, or it was revoked or expired. */
    static final class InvalidApiKey extends RuntimeException {

        InvalidApiKey() {
            super("invalid API key", null, false, false);
        }
    }

    /** The exchange could not be made (user-service unreachable, gateway not configured). */
    static final class ExchangeUnavailable extends RuntimeException {

        ExchangeUnavailable(String reason) {
            super(reason, null, false, false);
        }
    }
}
