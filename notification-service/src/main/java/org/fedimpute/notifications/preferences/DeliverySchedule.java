package org.fedimpute.notifications.preferences;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When a user's mails may arrive: quiet hours (local times in their zone, possibly spanning midnight) during which
 * mails are held, and whether single mails are collected into one daily digest instead.
 *
 * @param quietFrom start of the quiet hours, or null for none
 * @param quietUntil end of the quiet hours, or null for none
 * @param timeZone the user's zone, for the quiet hours and the digest hour
 * @param dailyDigest whether mails are collected into one a day
 */
public record DeliverySchedule(LocalTime quietFrom, LocalTime quietUntil, ZoneId timeZone, boolean dailyDigest) {

    static final DeliverySchedule DEFAULT = new DeliverySchedule(null, null, ZoneId.of("UTC"), false);

    /** When a mail queued at {@code now} may go: {@code now}, or the end of the quiet hours it falls in. */
    public Instant heldUntil(Instant now) {
        if (quietFrom == null || quietFrom.equals(quietUntil)) {
            return now;
        }
        ZonedDateTime local = now.atZone(timeZone);
        LocalTime time = local.toLocalTime();
        LocalDate today = local.toLocalDate();
        if (quietFrom.isBefore(quietUntil)) {
            boolean quiet = !time.isBefore(quietFrom) && time.isBefore(quietUntil);
            return quiet ? ZonedDateTime.of(today, quietUntil, timeZone).toInstant() : now;
        }
        if (!time.isBefore(quietFrom)) {
            return ZonedDateTime.of(today.plusDays(1), quietUntil, timeZone).toInstant();
        }
        return time.isBefore(quietUntil)
                ? ZonedDateTime.of(today, quietUntil, timeZone).toInstant()
                : now;
    }

    /** The first time the daily digest hour comes round strictly after {@code since}, in the user's zone. */
    public Instant nextDigestAfter(Instant since, int digestHour) {
        ZonedDateTime local = since.atZone(timeZone);
        ZonedDateTime candidate = ZonedDateTime.of(local.toLocalDate(), LocalTime.of(digestHour, 0), timeZone);
        return (candidate.isAfter(local) ? candidate : candidate.plusDays(1)).toInstant();
    }
}
