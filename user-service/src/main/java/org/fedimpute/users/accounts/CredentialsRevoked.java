package org.fedimpute.users.accounts;

import java.util.UUID;

/**
 * Published inside the transaction when an account's sessions must end (its password changed, it was disabled),
 * so the authentication feature can revoke them without the accounts feature knowing how sessions are kept.
 */
public record CredentialsRevoked(UUID userId, String reason) {}
