package org.fedimpute.node.hubs;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Reads the configured hubs and offers their token check to the WES API's security chain. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HubProperties.class)
class HubConfiguration {

    @Bean
    HubTokens hubTokens(HubProperties properties) {
        return new HubTokens(properties);
    }
}
