package org.fedimpute.node.engine;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes the engines this node knows available, each telling for itself whether it is installed. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EngineProperties.class)
class EngineConfiguration {

    @Bean
    BeagleEngine beagleEngine(EngineProperties properties) {
        return new BeagleEngine(properties.beagleJar(), properties.beagleMaxHeap(), System.getenv());
    }
}
