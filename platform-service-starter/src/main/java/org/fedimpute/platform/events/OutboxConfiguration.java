package org.fedimpute.platform.events;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The outbox and its relay, for services that set {@code fedimpute.events.outbox.enabled=true}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(StringRedisTemplate.class)
@ConditionalOnBooleanProperty("fedimpute.events.outbox.enabled")
@EnableConfigurationProperties(OutboxProperties.class)
@EnableScheduling
public class OutboxConfiguration {

    @Bean
    EventOutbox eventOutbox(
            JdbcTemplate jdbc,
            JsonMapper json,
            OutboxProperties properties,
            @Value("${spring.application.name}") String application,
            @Value("${fedimpute.database.schema}") String schema) {
        String source = properties.source() != null ? properties.source() : "/" + application;
        return new EventOutbox(jdbc, json, source, schema);
    }

    @Bean
    OutboxRelay outboxRelay(
            JdbcTemplate jdbc,
            TransactionTemplate transaction,
            StringRedisTemplate redis,
            OutboxProperties properties,
            @Value("${fedimpute.database.schema}") String schema,
            ObjectProvider<Clock> clock,
            MeterRegistry meters) {
        return new OutboxRelay(
                jdbc, transaction, redis, properties, schema, clock.getIfAvailable(Clock::systemUTC), meters);
    }

    @Bean
    SchedulingConfigurer outboxRelaySchedule(OutboxRelay relay, OutboxProperties properties) {
        return registrar -> schedule(registrar, relay, properties);
    }

    private static void schedule(ScheduledTaskRegistrar registrar, OutboxRelay relay, OutboxProperties properties) {
        registrar.addFixedDelayTask(relay::relayOnSchedule, properties.relayInterval());
        registrar.addFixedDelayTask(relay::purgePublished, java.time.Duration.ofHours(1));
    }
}
