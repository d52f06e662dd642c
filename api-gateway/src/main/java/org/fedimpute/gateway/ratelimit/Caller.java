package org.fedimpute.gateway.ratelimit;

import java.util.List;

/**
 * Who a request is counted against: the tier names the allowance and tags the metrics, the key names the bucket.
 *
 * @param tier {@code admin}, {@code anonymous}, {@code free} or {@code premium}
 * @param key the bucket's name, unique per tier and user (or client IP for anonymous callers)
 * @param limit requests allowed per period; admins have none
 */
record Caller(String tier, String key, long limit) {

    static final String ANONYMOUS = "anonymous";
    static final String FREE = "free";
    static final String PREMIUM = "premium";

    /** The tiers that have an allowance, and so can be refused. */
    static final List<String> LIMITED_TIERS = List.of(ANONYMOUS, FREE, PREMIUM);

    private static final Caller ADMIN = new Caller("admin", "admin", 0);

    /** An administrator, who is never limited. */
    static Caller admin() {
        return ADMIN;
    }

    boolean isLimited() {
        return this != ADMIN;
    }
}
