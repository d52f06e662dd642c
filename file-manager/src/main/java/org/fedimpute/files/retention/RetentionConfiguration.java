package org.fedimpute.files.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;

/** Binds the retention settings and runs the sweep every {@code fedimpute.files.retention.interval}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
class RetentionConfiguration {

    /** Lets the service finish starting before the first sweep. */
    private static final Duration FIRST_SWEEP_AFTER = Duration.ofMinutes(1);

    @Bean
    SchedulingConfigurer retentionSchedule(RetentionSweep sweep, RetentionProperties properties) {
        return registrar -> {
            if (properties.enabled()) {
                registrar.addFixedDelayTask(
                        new FixedDelayTask(sweep::sweepOnSchedule, properties.interval(), FIRST_SWEEP_AFTER));
            }
        };
    }
}
