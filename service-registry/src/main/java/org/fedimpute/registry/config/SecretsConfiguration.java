package org.fedimpute.registry.config;

import org.fedimpute.platform.secrets.SecretCipher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The cipher for the registry's catalogue tokens at rest, keyed by {@code fedimpute.registry.secrets.key}. */
@Configuration(proxyBeanMethods = false)
class SecretsConfiguration {

    @Bean
    SecretCipher secretCipher(@Value("${fedimpute.registry.secrets.key:}") String key) {
        return new SecretCipher(key, "fedimpute.registry.secrets.key");
    }
}
