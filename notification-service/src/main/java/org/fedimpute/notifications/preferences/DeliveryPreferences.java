package org.fedimpute.notifications.preferences;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fedimpute.platform.jdbc.AdvisoryLocks;
import org.fedimpute.platform.web.Problems;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and keeps users' notification preferences, so every notice is delivered the way its recipient chose. */
@Service
public class DeliveryPreferences {

    /** The event types a user may tune; others (welcome, password reset, admin alerts) always go out. */
    public static final List<String> TUNABLE_EVENT_TYPES = List.of(
            "job.submitted",
            "job.queued",
            "job.started",
            "job.completed",
            "job.failed",
            "job.cancelled",
            "file.expiry-warned");

    private final JdbcClient jdbc;

    DeliveryPreferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The channels a user wants for an event type: both unless they turned one off. */
    public Channels channelsFor(UUID userId, String eventType) {
        return jdbc.sql("SELECT email, in_app FROM notification_preference WHERE user_id = ? AND event_type = ?")
                .params(userId, eventType)
                .query((row, i) -> new Channels(row.getBoolean("email"), row.getBoolean("in_app")))
                .optional()
                .orElse(Channels.ALL);
    }

    /** When the user's mails may go out. */
    public DeliverySchedule scheduleOf(UUID userId) {
        return jdbc.sql("SELECT quiet_from, quiet_until, time_zone, daily_digest FROM delivery_schedule"
                        + " WHERE user_id = ?")
                .param(userId)
                .query((row, i) -> new DeliverySchedule(
                        Optional.ofNullable(row.getTime("quiet_from"))
                                .map(java.sql.Time::toLocalTime)
                                .orElse(null),
                        Optional.ofNullable(row.getTime("quiet_until"))
                                .map(java.sql.Time::toLocalTime)
                                .orElse(null),
                        ZoneId.of(row.getString("time_zone")),
                        row.getBoolean("daily_digest")))
                .optional()
                .orElse(DeliverySchedule.DEFAULT);
    }

    @Transactional(readOnly = true)
    PreferencesDocument read(UUID userId) {
        Map<String, PreferencesDocument.EventChannels> events = new LinkedHashMap<>();
        for (String type : TUNABLE_EVENT_TYPES) {
            Channels channels = channelsFor(userId, type);
            events.put(type, new PreferencesDocument.EventChannels(channels.email(), channels.inApp()));
        }
        DeliverySchedule schedule = scheduleOf(userId);
        PreferencesDocument.QuietHours quiet = schedule.quietFrom() == null
                ? null
                : new PreferencesDocument.QuietHours(schedule.quietFrom(), schedule.quietUntil());
        return new PreferencesDocument(events, quiet, schedule.timeZone().getId(), schedule.dailyDigest());
    }

    @Transactional
    PreferencesDocument replace(UUID userId, PreferencesDocument document) {
        ZoneId zone = zone(document.timeZone());
        Map<String, PreferencesDocument.EventChannels> events =
                document.events() == null ? Map.of() : document.events();
        for (String type : events.keySet()) {
            if (!TUNABLE_EVENT_TYPES.contains(type)) {
                throw Problems.invalidField(
                        "events", "Unknown event type '" + type + "'; known: " + TUNABLE_EVENT_TYPES);
            }
        }
        takeTurn(userId);
        jdbc.sql("DELETE FROM notification_preference WHERE user_id = ?")
                .param(userId)
                .update();
        events.forEach((type, channels) -> jdbc.sql(
                        "INSERT INTO notification_preference (user_id, event_type, email, in_app) VALUES (?, ?, ?, ?)")
                .params(userId, type, channels.email(), channels.inApp())
                .update());
        LocalTime from =
                document.quietHours() == null ? null : document.quietHours().from();
        LocalTime until =
                document.quietHours() == null ? null : document.quietHours().until();
        jdbc.sql("INSERT INTO delivery_schedule (user_id, quiet_from, quiet_until, time_zone, daily_digest)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET quiet_from = excluded.quiet_from,"
                        + " quiet_until = excluded.quiet_until, time_zone = excluded.time_zone,"
                        + " daily_digest = excluded.daily_digest")
                .params(userId, from, until, zone.getId(), Boolean.TRUE.equals(document.dailyDigest()))
                .update();
        return read(userId);
    }

    /**
     * Waits for any other change of the user's preferences to end: otherwise a second save's DELETE misses the rows the
     * first is inserting, and its INSERTs then collide with them.
     */
    private void takeTurn(UUID userId) {
        AdvisoryLocks.forTransaction(jdbc, "notification-preferences:" + userId);
    }

    /** Forgets a deleted user's preferences. */
    public void forget(UUID userId) {
        takeTurn(userId);
        jdbc.sql("DELETE FROM notification_preference WHERE user_id = ?")
                .param(userId)
                .update();
        jdbc.sql("DELETE FROM delivery_schedule WHERE user_id = ?")
                .param(userId)
                .update();
    }

    private static ZoneId zone(String name) {
        if (name == null || name.isBlank()) {
            return DeliverySchedule.DEFAULT.timeZone();
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw Problems.invalidField("timeZone", "Unknown time zone '" + name + "'.");
        }
    }
}
