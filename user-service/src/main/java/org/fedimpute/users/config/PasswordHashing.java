package org.fedimpute.users.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** BCrypt (cost 12 in production, configurable so tests stay fast) for every stored password. */
@Configuration(proxyBeanMethods = false)
class PasswordHashing {

    @Bean
    PasswordEncoder passwordEncoder(
            @org.springframework.beans.factory.annotation.Value("${fedimpute.authentication.bcrypt-cost:12}")
                    int cost) {
        return new BCryptPasswordEncoder(cost);
    }
}
