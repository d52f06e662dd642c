package org.fedimpute.gateway.security;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.cors.reactive.CorsUtils;

/**
 * Validates bearer tokens at the gateway so that a forged, expired or tampered token never reaches a service,
 * keeps {@code /api/v1/admin/**} to admins, and lets calls without a token pass on for the service to decide. A
 * token is fully checked once and then remembered until it expires ({@link VerifiedTokenCache}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class GatewaySecurityConfiguration {

    /**
     * Turns Spring Security's own observations off: it would time each phase of its filter chain and each
     * authorization decision as a metric and a span of their own, several per request, while
     * {@code http.server.requests} already times the whole request and shows every refusal as its 401 or 403.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityWebFilterChain gatewaySecurity(
            ServerHttpSecurity http,
            SecurityProblems problems,
            ReactiveJwtDecoder verifier,
            VerifiedTokenProperties verifiedTokens) {
        JwtAuthenticationConverter tokens = new JwtAuthenticationConverter();
        tokens.setJwtGrantedAuthoritiesConverter(new TokenAuthorities());
        ServerWebExchangeMatcher preflight = exchange -> CorsUtils.isPreFlightRequest(exchange.getRequest())
                ? ServerWebExchangeMatcher.MatchResult.match()
                : ServerWebExchangeMatcher.MatchResult.notMatch();
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> exchanges
                        .matchers(preflight)
                        .permitAll()
                        .pathMatchers("/api/v1/admin/**")
                        .hasRole("ADMIN")
                        .anyExchange()
                        .permitAll())
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtDecoder(
                                        new VerifiedTokenCache(verifier, verifiedTokens.cacheSize(), Clock.systemUTC()))
                                .jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(tokens)))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(
                        handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }
}
