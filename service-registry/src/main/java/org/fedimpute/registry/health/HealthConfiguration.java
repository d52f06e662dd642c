package org.fedimpute.registry.health;

import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;

/** Schedules the health cycles and the daily pruning of the history from the typed configuration. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HealthProperties.class)
class HealthConfiguration {

    @Bean
    SchedulingConfigurer healthSchedule(HealthMonitor monitor, HealthLedger ledger, HealthProperties properties) {
        return registrar -> {
            registrar.addFixedDelayTask(
                    new FixedDelayTask(monitor::runCycle, properties.interval(), properties.initialDelay()));
            registrar.addFixedDelayTask(
                    new FixedDelayTask(ledger::pruneHistory, Duration.ofDays(1), properties.initialDelay()));
        };
    }
}
