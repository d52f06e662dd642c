package org.fedimpute.users.audit;

/** The security events the audit log records. */
public enum AuditEventType {
    REGISTERED,
    LOGIN_SUCCEEDED,
    LOGIN_FAILED,
    ACCOUNT_LOCKED,
    TOKEN_REFRESHED,
    REFRESH_TOKEN_REUSED,
    LOGGED_OUT,
    PASSWORD_CHANGED,
    PASSWORD_RESET_REQUESTED,
    ROLE_CHANGED,
    TIER_CHANGED,
    ACCOUNT_DISABLED,
    ACCOUNT_ENABLED,
    API_KEY_CREATED,
    API_KEY_REVOKED
}
