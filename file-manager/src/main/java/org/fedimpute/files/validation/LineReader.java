package org.fedimpute.files.validation;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads lines of a decompressed VCF as byte ranges of one reused buffer, numbering them, so that the data lines of a
 * file of any size are parsed without creating a string or an array per line.
 */
final class LineReader {

    /** Longer lines are refused rather than buffered: a VCF line of a million samples is about 4 MiB. */
    static final int MAX_LINE_BYTES = 256 << 20;

    private final InputStream in;
    private final int maxLineBytes;
    private byte[] buffer;
    private int limit;
    private int next;
    private boolean endOfInput;
    private long number;
    private int start;
    private int end;

    LineReader(InputStream in) {
        this(in, 1 << 20, MAX_LINE_BYTES);
    }

    LineReader(InputStream in, int initialBytes, int maxLineBytes) {
        this.in = in;
        this.buffer = new byte[initialBytes];
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Moves to the next line; its bytes are {@code buffer()[start(), end())} without the line break (a {@code \r}
     * before it is dropped too).
     *
     * @return false at the end of the input
     * @throws LineTooLongException when a line exceeds the maximum length
     */
    boolean next() throws IOException {
        int scanFrom = next;
        while (true) {
            int newline = indexOfNewline(scanFrom);
            if (newline >= 0) {
                return lineUpTo(newline, newline + 1);
            }
            if (endOfInput) {
                if (next == limit) {
                    return false;
                }
                return lineUpTo(limit, limit);
            }
            scanFrom = fill();
        }
    }

    byte[] buffer() {
        return buffer;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    /** The 1-based number of the current line. */
    long number() {
        return number;
    }

    /** The current line as text, for header lines and messages. */
    String text() {
        return new String(buffer, start, end - start, java.nio.charset.StandardCharsets.UTF_8);
    }

    private boolean lineUpTo(int lineEnd, int following) {
        start = next;
        end = lineEnd > start && buffer[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
        next = following;
        number++;
        return true;
    }

    private int indexOfNewline(int from) {
        byte[] bytes = buffer;
        for (int i = from; i < limit; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Keeps the unfinished line, reads more after it and answers where to continue looking for its end. One read at a
     * time, so that lines before a broken end of a compressed stream are all handed out before the error surfaces.
     */
    private int fill() throws IOException {
        int pending = limit - next;
        if (next > 0) {
            System.arraycopy(buffer, next, buffer, 0, pending);
            next = 0;
            limit = pending;
        }
        if (limit == buffer.length) {
            if (buffer.length >= maxLineBytes) {
                throw new LineTooLongException(number + 1, maxLineBytes);
            }
            buffer = Arrays.copyOf(buffer, Math.min(maxLineBytes, buffer.length * 2));
        }
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            endOfInput = true;
        } else {
            limit += read;
        }
        return pending;
    }

    /** A line too long to be VCF; the file is refused at that line. */
    static final class LineTooLongException extends IOException {

        private final long line;

        LineTooLongException(long line, int maxLineBytes) {
            super("line " + line + " is longer than " + maxLineBytes + " bytes");
            this.line = line;
        }

        long line() {
            return line;
        }
    }
}
