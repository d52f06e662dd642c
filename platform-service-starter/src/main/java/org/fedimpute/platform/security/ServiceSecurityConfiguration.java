package org.fedimpute.platform.security;

import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.fedimpute.platform.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Every service validates the access token itself (it never trusts an identity header), opens only its health,
 * metrics and API description to anonymous callers, keeps {@code /api/v1/admin/**} to admins and
 * {@code /internal/**} to the platform's services, holds API keys to their scopes, and answers 401 and 403 as problem
 * documents.
 *
 * <p>A service may put a chain of its own ahead of this one for paths with another kind of caller (the imputation
 * node's GA4GH WES API, called by hubs with their bearer tokens): such a chain sets a {@code securityMatcher} and an
 * order before {@link Ordered#LOWEST_PRECEDENCE}; this chain still guards every other path.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(PlatformSecurityProperties.class)
class ServiceSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ServiceSecurityConfiguration.class);

    static final String[] OPERATIONAL_PATHS = {
        "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/v3/api-docs/**", "/error"
    };

    /**
     * Turns Spring Security's own observations off: they time each filter of the chain and each authentication and
     * authorization as metrics and spans of their own, several per request (about a tenth of job-processor's CPU per
     * submit, measured with JFR), while {@code http.server.requests} already times the request and counts every 401
     * and 403.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    @ConditionalOnMissingBean(name = "serviceSecurityFilterChain")
    SecurityFilterChain serviceSecurityFilterChain(
            HttpSecurity http, PlatformSecurityProperties properties, Problems problems) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, ex) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            problems.write(
                    Problems.of(HttpStatus.UNAUTHORIZED, "A valid access token is required.", request), response);
        };
        // A token that cannot be checked because user-service's keys are out of reach (it restarts, and this service
        // has not fetched them yet) is the platform's fault, not the caller's: a 503 to retry, not a 401 or a 500.
        AuthenticationFailureHandler bearerFailure = (request, response, ex) -> {
            if (!(ex instanceof AuthenticationServiceException)) {
                unauthenticated.commence(request, response, ex);
                return;
            }
            log.warn("Answered 503, the token could not be checked: {}", ex.getMessage());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Problems.RETRY_AFTER.toSeconds()));
            problems.write(
                    Problems.of(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "Your token cannot be checked at the moment. Retry after the time given.",
                            request),
                    response);
        };
        AccessDeniedHandler forbidden = (request, response, ex) ->
                problems.write(Problems.of(HttpStatus.FORBIDDEN, "Your account may not do this.", request), response);
        String[] publicPaths = properties.publicPaths().toArray(String[]::new);
        ApiKeyScopes scopes = new ApiKeyScopes(properties.scopeAreas());
        return http.csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(OPERATIONAL_PATHS)
                        .permitAll()
                        .requestMatchers(publicPaths)
                        .permitAll()
                        .requestMatchers("/api/v1/admin/**")
                        .access(AuthorizationManagers.allOf(AuthorityAuthorizationManager.hasRole("ADMIN"), scopes))
                        .requestMatchers("/internal/**")
                        .hasRole("SERVICE")
                        .anyRequest()
                        .access(scopes))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new PlatformTokenConverter()))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden)
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <F extends BearerTokenAuthenticationFilter> F postProcess(F filter) {
                                filter.setAuthenticationFailureHandler(bearerFailure);
                                return filter;
                            }
                        }))
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
                .build();
    }

    /**
     * Validates tokens against user-service's published keys: RS256 only (so {@code alg: none} and HMAC tokens
     * never pass), within their lifetime, and naming the platform's issuer; a token that passed is remembered until
     * it expires ({@link VerifiedTokens}).
     */
    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    JwtDecoder platformJwtDecoder(
            @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwkSetUri,
            PlatformSecurityProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.tokenIssuer()));
        return VerifiedTokens.remembering(decoder, properties.verifiedTokens());
    }

    /** Maps the platform's {@code roles} and {@code tier} claims to authorities ({@code ROLE_ADMIN}, {@code TIER_FREE}). */
    static final class PlatformTokenConverter implements Converter<Jwt, AbstractAuthenticationToken> {

        @Override
        public AbstractAuthenticationToken convert(Jwt jwt) {
            List<String> roles = jwt.hasClaim("roles") ? jwt.getClaimAsStringList("roles") : List.of();
            String tier = jwt.getClaimAsString("tier");
            Collection<GrantedAuthority> authorities = Stream.concat(
                            roles.stream().map(role -> "ROLE_" + role),
                            tier == null ? Stream.empty() : Stream.of("TIER_" + tier))
                    .<GrantedAuthority>map(SimpleGrantedAuthority::new)
                    .toList();
            return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
        }
    }
}
