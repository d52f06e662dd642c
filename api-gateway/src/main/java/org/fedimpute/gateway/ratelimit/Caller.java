package org.fedimpute.gateway.ratelimit;

/**
 * Who a request is counted against: the tier names the allowance and tags the metrics, the key names the bucket.
 *
 * @param tier {@code admin}, {@code anonymous}, {@code free} or {@code premium}
 * @param key the bucket's name, unique per tier and user (or client IP for anonymous callers)
 * @param limit requests allowed per period; admins have none
 */
record Caller(String tier, String key, long limit) {

    private static final Caller ADMIN = new Caller("admin", "admin", 0);

    /** An administrator, who is never limited. */
    static Caller admin() {
        return ADMIN;
    }

    boolean isLimited() {
        return this != ADMIN;
    }
}
