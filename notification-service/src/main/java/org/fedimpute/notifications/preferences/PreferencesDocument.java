package org.fedimpute.notifications.preferences;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.LocalTime;
import java.util.Map;

/**
 * A user's notification preferences as the API reads and writes them whole.
 *
 * @param events the channels of each event type a user may tune, by type name (such as {@code job.completed});
 *     a type left out of a PUT keeps both channels on
 * @param quietHours when mails are held, or null for never
 * @param timeZone the zone quiet hours and the digest hour are read in (an IANA name such as {@code Europe/Berlin})
 * @param dailyDigest whether mails about these event types come as one digest a day (false if left out)
 */
public record PreferencesDocument(
        Map<String, @Valid @NotNull EventChannels> events,
        @Valid QuietHours quietHours,
        String timeZone,
        Boolean dailyDigest) {

    /**
     * The channels of one event type.
     *
     * @param email whether it is mailed
     * @param inApp whether it appears in the app
     */
    public record EventChannels(boolean email, boolean inApp) {}

    /**
     * Local times between which no mail is sent; {@code from} after {@code until} spans midnight.
     *
     * @param from start, such as {@code 22:00}
     * @param until end, such as {@code 07:00}
     */
    public record QuietHours(
            @NotNull LocalTime from, @NotNull LocalTime until) {}
}
