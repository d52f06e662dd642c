package org.fedimpute.node.wes;

import org.fedimpute.node.hubs.HubTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Guards the WES API ahead of the platform's chain: hubs call it with their own bearer tokens rather than platform
 * access tokens, and only service-info is open, since the platform's registry probes it without one.
 */
@Configuration(proxyBeanMethods = false)
class WesSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain wesSecurityFilterChain(HttpSecurity http, HubTokens hubs, WesErrors errors) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, ex) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            errors.write(response, 401, "A hub's bearer token is required; this one is missing or not known here.");
        };
        BearerTokenAuthenticationFilter bearer = new BearerTokenAuthenticationFilter(hubs::authenticate);
        bearer.setAuthenticationEntryPoint(unauthenticated);
        return http.securityMatcher(WesErrors.API + "/**")
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(bearer, AuthorizationFilter.class)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(HttpMethod.GET, WesErrors.API + "/service-info")
                        .permitAll()
                        .anyRequest()
                        .hasRole("HUB"))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(
                                (request, response, ex) -> errors.write(response, 403, "This hub may not do this.")))
                .build();
    }
}
