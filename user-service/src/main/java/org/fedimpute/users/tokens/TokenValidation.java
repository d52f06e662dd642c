package org.fedimpute.users.tokens;

import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.fedimpute.platform.security.PlatformSecurityProperties;
import org.fedimpute.platform.security.VerifiedTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * user-service validates the tokens it receives against its own key ring directly, with the same rules the other
 * services apply to the published JWKS (RS256 only, within their lifetime, naming the platform's issuer, a token that
 * passed remembered until it expires), instead of fetching its own JWKS over HTTP.
 */
@Configuration(proxyBeanMethods = false)
class TokenValidation {

    @Bean
    JwtDecoder jwtDecoder(KeyRing keyRing, TokenProperties tokens, PlatformSecurityProperties security) {
        JWKSource<SecurityContext> keys =
                (JWKSelector selector, SecurityContext context) -> selector.select(keyRing.publishedKeys());
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(tokens.issuer()));
        return VerifiedTokens.remembering(decoder, security.verifiedTokens());
    }
}
