package org.fedimpute.users.accounts;

/** The service level of an account, which sets its rate limits and quotas. */
public enum Tier {
    FREE,
    PREMIUM
}
