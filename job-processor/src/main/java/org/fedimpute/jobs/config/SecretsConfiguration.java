package org.fedimpute.jobs.config;

import org.fedimpute.platform.secrets.SecretCipher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The cipher for the jobs' result passwords at rest, keyed by {@code fedimpute.jobs.secrets-key}. */
@Configuration(proxyBeanMethods = false)
class SecretsConfiguration {

    @Bean
    SecretCipher secretCipher(@Value("${fedimpute.jobs.secrets-key:}") String key) {
        return new SecretCipher(key, "fedimpute.jobs.secrets-key");
    }
}
