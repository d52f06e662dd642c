package org.fedimpute.users.secrets;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The key that encrypts the service's secrets at rest.
 *
 * @param key 32 random bytes, Base64; {@code ./platform up} generates one, every other environment sets
 *     {@code FEDIMPUTE_USERS_SECRETS_KEY}
 */
@ConfigurationProperties("fedimpute.users.secrets")
public record SecretsProperties(String key) {}
