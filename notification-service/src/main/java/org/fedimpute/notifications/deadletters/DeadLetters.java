package org.fedimpute.notifications.deadletters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.fedimpute.events.EventStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the starter's dead-letter streams ({@code <stream>.dead-letter}) of every stream and keeps the entries
 * parked by this service's own consumer groups ({@code <spring.application.name>.<consumer>}). The payload is never
 * shown, and quoted values are blanked out of the error: a parser's message quotes what it could not read, which for
 * a password-reset event may be the reset token.
 */
@Component
class DeadLetters {

    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final String groupPrefix;

    DeadLetters(StringRedisTemplate redis, JsonMapper json, @Value("${spring.application.name}") String application) {
        this.redis = redis;
        this.json = json;
        this.groupPrefix = application + ".";
    }

    /** The newest parked entries, newest first, at most {@code limit} of each stream. */
    List<DeadLetterView> newest(int limit) {
        List<DeadLetterView> parked = new ArrayList<>();
        for (EventStream stream : EventStream.values()) {
            String key = stream.key() + ".dead-letter";
            List<MapRecord<String, Object, Object>> entries = redis.opsForStream()
                    .reverseRange(key, Range.unbounded(), Limit.limit().count(limit));
            if (entries == null) {
                continue;
            }
            for (MapRecord<String, Object, Object> entry : entries) {
                Map<Object, Object> fields = entry.getValue();
                String consumer = text(fields, "consumer");
                if (consumer != null && consumer.startsWith(groupPrefix)) {
                    parked.add(new DeadLetterView(
                            key,
                            entry.getId().getValue(),
                            Instant.ofEpochMilli(entry.getId().getTimestamp()),
                            text(fields, "entry"),
                            text(fields, "type"),
                            eventId(text(fields, "event")),
                            consumer,
                            Long.parseLong(
                                    fields.getOrDefault("deliveries", "0").toString()),
                            redacted(text(fields, "error"))));
                }
            }
        }
        parked.sort(Comparator.comparing(DeadLetterView::parkedAt).reversed());
        return parked.size() > limit ? parked.subList(0, limit) : parked;
    }

    private String eventId(String event) {
        if (event == null) {
            return null;
        }
        try {
            JsonNode id = json.readTree(event).get("id");
            return id == null || !id.isString() ? null : id.asString();
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static String redacted(String error) {
        return error == null ? null : QUOTED.matcher(error).replaceAll("'…'");
    }

    private static String text(Map<Object, Object> fields, String name) {
        Object value = fields.get(name);
        return value == null ? null : value.toString();
    }
}
