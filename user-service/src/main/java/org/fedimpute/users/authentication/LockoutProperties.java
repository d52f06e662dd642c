package org.fedimpute.users.authentication;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When repeated failed logins lock an account.
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
