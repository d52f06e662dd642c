package org.fedimpute.monitoring.config;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Binds {@link MonitoringProperties} once for every feature, turns on the polls' schedules and gives one clock. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MonitoringProperties.class)
@EnableScheduling
class MonitoringConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
