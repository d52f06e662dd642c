package org.fedimpute.platform.events;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
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
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The consuming side of the streams, for services that set {@code fedimpute.events.consumer.enabled=true}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(StringRedisTemplate.class)
@ConditionalOnBooleanProperty("fedimpute.events.consumer.enabled")
@EnableConfigurationProperties(EventConsumerProperties.class)
@EnableScheduling
public class EventConsumerConfiguration {

    @Bean
    static EventHandlerRegistrar eventHandlerRegistrar() {
        return new EventHandlerRegistrar();
    }

    @Bean
    ProcessedEvents processedEvents(
            JdbcTemplate jdbc,
            EventConsumerProperties properties,
            @Value("${fedimpute.database.schema}") String schema) {
        return new ProcessedEvents(jdbc, schema, properties.retention());
    }

    @Bean
    EventConsumers eventConsumers(
            EventHandlerRegistrar handlers,
            ProcessedEvents processed,
            TransactionTemplate transaction,
            StringRedisTemplate redis,
            JsonMapper json,
            EventConsumerProperties properties,
            @Value("${spring.application.name}") String application,
            MeterRegistry meters) {
        return new EventConsumers(handlers, processed, transaction, redis, json, properties, application, meters);
    }

    @Bean
    SchedulingConfigurer processedEventsPurge(ProcessedEvents processed) {
        return registrar -> registrar.addFixedDelayTask(processed::purgeExpired, Duration.ofHours(1));
    }
}
