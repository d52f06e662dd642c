package org.fedimpute.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many requests each kind of caller may make per period (anonymous callers per client IP, others per user;
 * admins are never limited), and how long the gateway waits for Redis before it counts locally instead.
 *
 * @param anonymous requests per period for a caller without a token, per client IP
 * @param free requests per period for a user on the FREE tier (or a token without a tier)
 * @param premium requests per period for a user on the PREMIUM tier
 * @param period the window after which a caller's allowance is whole again
 * @param redisTimeout the longest a request waits for Redis before it is counted in this instance
 * @param redisRetryInterval how long the gateway counts locally after a Redis failure before it tries Redis again
 * @param unsynchronizedRequests how many requests of one caller this instance may count in its own copy of their
 *     bucket before it writes them to Redis in one go; {@code 0} writes every request. The copy is exact while one
 *     instance serves the caller; with several, each may admit this many more than the allowance before it learns of
 *     the others' counts. A caller who is refused is refused from the copy, without asking Redis.
 * @param unsynchronizedTime the longest this instance keeps counts to itself; a caller's copy is also forgotten (its
 *     counts written first) after this long without a request
 * @param unlimitedPaths path patterns that are never limited (health, metrics, API documents)
 * @param uploadContinuations requests, as {@code METHOD path-pattern}, that carry on an upload already counted when
 *     it was created: the chunks ({@code PATCH}) and offset checks ({@code HEAD}) of a resumable upload. A 50 GB file
 *     in 100 MB chunks is 500 of them, which would use up a free allowance in one upload; the upload's size is held
 *     to the caller's limits by file-manager instead.
 */
@ConfigurationProperties("fedimpute.gateway.rate-limit")
record RateLimitProperties(
        @DefaultValue("100") long anonymous,
        @DefaultValue("200") long free,
        @DefaultValue("500") long premium,
        @DefaultValue("1h") Duration period,
        @DefaultValue("250ms") Duration redisTimeout,
        @DefaultValue("5s") Duration redisRetryInterval,
        @DefaultValue("10") long unsynchronizedRequests,
        @DefaultValue("10s") Duration unsynchronizedTime,

        @DefaultValue({"/actuator/**", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**"})
        List<String> unlimitedPaths,

        @DefaultValue({"PATCH /api/v1/files/uploads/*", "HEAD /api/v1/files/uploads/*"})
        List<String> uploadContinuations) {}
