package org.fedimpute.platform.clients;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.client.RestClient;

/**
 * Service clients with Spring Security's OAuth 2.0 client doing the client-credentials exchange and token caching, for
 * services that set {@code fedimpute.service-client.secret}. The client id is the application's name.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("fedimpute.service-client.secret")
@EnableConfigurationProperties(ServiceClientProperties.class)
public class ServiceClientConfiguration {

    @Bean
    ServiceClients serviceClients(
            RestClient.Builder builder,
            ServiceClientProperties properties,
            @Value("${spring.application.name}") String application) {
        ClientRegistration registration = ClientRegistration.withRegistrationId(ServiceClients.REGISTRATION)
                .clientId(application)
                .clientSecret(properties.secret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenUri(properties.tokenUri())
                .build();
        InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
        AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
                new AuthorizedClientServiceOAuth2AuthorizedClientManager(
                        registrations, new InMemoryOAuth2AuthorizedClientService(registrations));
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .clientCredentials()
                .build());
        OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
        interceptor.setClientRegistrationIdResolver(request -> ServiceClients.REGISTRATION);
        interceptor.setPrincipalResolver(
                request -> new org.springframework.security.authentication.AnonymousAuthenticationToken(
                        application,
                        application,
                        org.springframework.security.core.authority.AuthorityUtils.createAuthorityList(
                                "ROLE_SERVICE")));
        return new ServiceClients(builder, interceptor);
    }
}
