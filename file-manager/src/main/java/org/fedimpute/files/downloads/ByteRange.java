package org.fedimpute.files.downloads;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One range of bytes of a file, from a request's {@code Range} header (RFC 9110 §14). A single range is served;
 * a header this does not serve (several ranges, another unit, bad syntax) is ignored, and the whole file is sent,
 * as the RFC allows.
 *
 * @param first the first byte's offset
 * @param last the last byte's offset (inclusive)
 */
record ByteRange(long first, long last) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");

    long length() {
        return last - first + 1;
    }

    /** The {@code Content-Range} of a partial answer. */
    String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * The range a header asks of a file of {@code size} bytes; empty to send the whole file.
     *
     * @throws Unsatisfiable when the range lies wholly beyond the end of the file
     */
    static Optional<ByteRange> of(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher matcher = SINGLE.matcher(header.strip());
        if (!matcher.matches()
                || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
            return Optional.empty();
        }
        if (matcher.group(1).isEmpty()) {
            long suffix = offset(matcher.group(2));
            if (suffix == 0 || size == 0) {
                throw new Unsatisfiable();
            }
            return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        long first = offset(matcher.group(1));
        long last = matcher.group(2).isEmpty() ? Long.MAX_VALUE : offset(matcher.group(2));
        if (last < first) {
            return Optional.empty();
        }
        if (first >= size) {
            throw new Unsatisfiable();
        }
        return Optional.of(new ByteRange(first, Math.min(last, size - 1)));
    }

    /** The number the header's digits give; one too large for a long is beyond any file's end, as is the largest. */
    private static long offset(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException beyondLong) {
            return Long.MAX_VALUE;
        }
    }

    /** A range that no byte of the file satisfies: answered with 416. */
    static final class Unsatisfiable extends RuntimeException {

        Unsatisfiable() {
            super("The requested range lies beyond the end of the file", null, false, false);
        }
    }
}
