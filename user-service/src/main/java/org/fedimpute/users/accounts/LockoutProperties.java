package org.fedimpute.users.accounts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When repeated wrong passwords lock an account: at login, and re-entered to change the password or delete the
 * account.
 *
 * @param maxFailures failures within {@code window} that lock the account
 * @param window how far back failures count
 * @param lockDuration how long the account stays locked
 */
@ConfigurationProperties("fedimpute.authentication.lockout")
record LockoutProperties(
        @DefaultValue("5") int maxFailures,
        @DefaultValue("15m") Duration window,
        @DefaultValue("15m") Duration lockDuration) {}
