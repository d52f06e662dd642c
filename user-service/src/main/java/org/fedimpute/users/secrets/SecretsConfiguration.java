package org.fedimpute.users.secrets;

import org.fedimpute.platform.secrets.SecretCipher;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The cipher for user-service's secrets at rest, keyed by {@code fedimpute.users.secrets.key}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecretsProperties.class)
class SecretsConfiguration {

    @Bean
    SecretCipher secretCipher(SecretsProperties properties) {
        return new SecretCipher(properties.key(), "fedimpute.users.secrets.key");
    }
}
