package org.fedimpute.files.records;

import java.util.Locale;

/** Byte counts as people read them in messages: {@code 512 bytes}, {@code 1.5 MB}, {@code 10 GB} (powers of 1024). */
public final class ByteSizes {

    private static final String[] UNITS = {"KB", "MB", "GB", "TB", "PB"};

    private ByteSizes() {}

    public static String describe(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        String number =
                value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
        return number + " " + UNITS[unit];
    }
}
