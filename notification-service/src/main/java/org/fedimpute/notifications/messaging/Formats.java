package org.fedimpute.notifications.messaging;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How times and sizes are written in notices, the same in every mail and notification. */
final class Formats {

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private Formats() {}

    static String instant(Instant instant) {
        return INSTANT.format(instant);
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        int unit = (int) (Math.log(bytes) / Math.log(1024));
        return String.format(Locale.ENGLISH, "%.1f %sB", bytes / Math.pow(1024, unit), "KMGTPE".charAt(unit - 1));
    }
}
