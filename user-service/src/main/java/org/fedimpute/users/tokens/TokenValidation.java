package org.fedimpute.users.tokens;

import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * user-service validates the tokens it receives against its own key ring directly, with the same RS256-only rules
 * the other services apply to the published JWKS, instead of fetching its own JWKS over HTTP.
 */
@Configuration(proxyBeanMethods = false)
class TokenValidation {

    @Bean
    JwtDecoder jwtDecoder(KeyRing keyRing) {
        JWKSource<SecurityContext> keys =
                (JWKSelector selector, SecurityContext context) -> selector.select(keyRing.publishedKeys());
        return NimbusJwtDecoder.withJwkSource(keys).build();
    }
}
