package org.fedimpute.notifications.preferences;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Quiet hours and digest hours are read in the user's zone, across midnight and daylight-saving changes. */
class DeliveryScheduleTests {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final DeliverySchedule NIGHTS =
            new DeliverySchedule(LocalTime.of(22, 0), LocalTime.of(7, 0), BERLIN, false);

    @Test
    void quietHoursSpanningMidnightHoldUntilTheirEndInTheUsersZone() {
        assertThat(NIGHTS.heldUntil(Instant.parse("2026-06-10T21:30:00Z")))
                .isEqualTo(Instant.parse("2026-06-11T05:00:00Z"));
        assertThat(NIGHTS.heldUntil(Instant.parse("2026-06-11T03:00:00Z")))
                .isEqualTo(Instant.parse("2026-06-11T05:00:00Z"));
        Instant afternoon = Instant.parse("2026-06-11T12:00:00Z");
        assertThat(NIGHTS.heldUntil(afternoon)).isEqualTo(afternoon);
        Instant justBefore = Instant.parse("2026-06-10T19:59:59Z");
        assertThat(NIGHTS.heldUntil(justBefore)).isEqualTo(justBefore);
        assertThat(NIGHTS.heldUntil(Instant.parse("2026-06-10T20:00:00Z")))
                .isEqualTo(Instant.parse("2026-06-11T05:00:00Z"));
    }

    @Test
    void quietHoursWithinOneDayAndNoneAtAll() {
        DeliverySchedule lunch =
                new DeliverySchedule(LocalTime.of(12, 0), LocalTime.of(13, 0), ZoneId.of("UTC"), false);
        assertThat(lunch.heldUntil(Instant.parse("2026-01-05T12:30:00Z")))
                .isEqualTo(Instant.parse("2026-01-05T13:00:00Z"));
        Instant late = Instant.parse("2026-01-05T13:00:00Z");
        assertThat(lunch.heldUntil(late)).isEqualTo(late);
        assertThat(DeliverySchedule.DEFAULT.heldUntil(late)).isEqualTo(late);
    }

    @Test
    void theDigestHourComesRoundInTheUsersZoneEvenOverADaylightSavingChange() {
        DeliverySchedule digest = new DeliverySchedule(null, null, BERLIN, true);
        assertThat(digest.nextDigestAfter(Instant.parse("2026-03-28T08:00:00Z"), 8))
                .isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
        assertThat(digest.nextDigestAfter(Instant.parse("2026-03-28T06:30:00Z"), 8))
                .isEqualTo(Instant.parse("2026-03-28T07:00:00Z"));
        assertThat(digest.nextDigestAfter(Instant.parse("2026-03-28T07:00:00Z"), 8))
                .isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
    }
}
