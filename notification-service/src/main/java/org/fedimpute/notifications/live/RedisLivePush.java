package org.fedimpute.notifications.live;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.fedimpute.notifications.inapp.LivePush;
import org.fedimpute.notifications.inapp.NotificationView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Fans new notifications out to every instance: each one is announced on the Redis pub/sub channel as
 * {@code <user id> <notification id>}, and every instance, this one included, wakes that user's streams it holds.
 * The announcement carries no content: a woken stream reads what is new from the database.
 */
@Component
class RedisLivePush implements LivePush, MessageListener {

    private static final Logger log = LoggerFactory.getLogger(RedisLivePush.class);

    private final StringRedisTemplate redis;
    private final LiveStreams streams;
    private final LiveProperties properties;

    RedisLivePush(StringRedisTemplate redis, LiveStreams streams, LiveProperties properties) {
        this.redis = redis;
        this.streams = streams;
        this.properties = properties;
    }

    @Override
    public void created(UUID userId, NotificationView notification) {
        redis.convertAndSend(properties.channel(), userId + " " + notification.id());
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        String announcement = new String(message.getBody(), StandardCharsets.UTF_8);
        int space = announcement.indexOf(' ');
        try {
            streams.announced(UUID.fromString(space < 0 ? announcement : announcement.substring(0, space)));
        } catch (IllegalArgumentException e) {
            log.warn("Ignored a malformed live announcement on {}", properties.channel());
        }
    }
}
