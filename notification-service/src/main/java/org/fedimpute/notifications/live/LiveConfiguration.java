package org.fedimpute.notifications.live;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

/** Subscribes this instance to the live channel and sends heartbeats on its open streams every {@code live.heartbeat}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LiveProperties.class)
class LiveConfiguration {

    @Bean
    RedisMessageListenerContainer liveAnnouncements(
            RedisConnectionFactory redis, RedisLivePush push, LiveProperties properties) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        container.addMessageListener(push, new ChannelTopic(properties.channel()));
        return container;
    }

    @Bean
    SchedulingConfigurer liveHeartbeats(LiveStreams streams, LiveProperties properties) {
        return registrar -> registrar.addFixedRateTask(streams::heartbeat, properties.heartbeat());
    }
}
