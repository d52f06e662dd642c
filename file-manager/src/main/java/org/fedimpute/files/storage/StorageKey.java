package org.fedimpute.files.storage;

import java.util.regex.Pattern;

/**
 * The one place that decides which storage keys are acceptable, so that no backend ever turns a key with a path
 * separator, {@code ..} or other surprise into a file path or an object name.
 */
final class StorageKey {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    private StorageKey() {}

    /** The key itself, after checking it; an unacceptable key is an {@link IllegalArgumentException}. */
    static String require(String key) {
        if (key == null || !VALID.matcher(key).matches()) {
            throw new IllegalArgumentException(
                    "Not a storage key (1-128 letters, digits, '-' or '_', starting with a letter or digit)");
        }
        return key;
    }

    /** Checks a requested range: a non-negative offset, and a length that is non-negative or -1 for the rest. */
    static void requireRange(long offset, long length) {
        if (offset < 0 || length < -1) {
            throw new IllegalArgumentException(
                    "Invalid range: offset " + offset + ", length " + length + " (offset >= 0, length >= -1)");
        }
    }
}
