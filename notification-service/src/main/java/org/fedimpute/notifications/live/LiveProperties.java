package org.fedimpute.notifications.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live stream's pace and the pub/sub channel instances share.
 *
 * @param heartbeat how often an open stream gets a comment line, so proxies and clients see it alive
 * @param streamTimeout how long one stream stays open before the server ends it and the client reconnects
 * @param reconnect the {@code retry:} delay a client is told to wait before reconnecting
 * @param channel the Redis pub/sub channel on which instances announce new notifications to each other
 */
@ConfigurationProperties("fedimpute.notifications.live")
public record LiveProperties(
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("30m") Duration streamTimeout,
        @DefaultValue("3s") Duration reconnect,
        @DefaultValue("notification-service.live") String channel) {}
