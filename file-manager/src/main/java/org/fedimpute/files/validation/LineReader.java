package org.fedimpute.files.validation;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads lines of a decompressed VCF as byte ranges of one reused buffer, numbering them, so that the data lines of a
 * file of any size are parsed without creating a string or an array per line.
 */
final class LineReader {

    /**
     * The most a meta-information line ({@code ##...}) may take with its line break: real ones take a few kilobytes,
     * and the header keeps each one as text.
     */
    static final int MAX_META_LINE_BYTES = 1 << 20;

    /**
     * The most any other line (the {@code #CHROM} line, a record) may take with its line break: a record of a million
     * samples with a few FORMAT fields takes about 40 MiB. A longer line is refused rather than buffered.
     */
    static final int MAX_LINE_BYTES = 64 << 20;

    private final InputStream in;
    private final int maxMetaLineBytes;
    private final int maxLineBytes;
    private byte[] buffer;
    private int limit;
    private int next;
    private boolean endOfInput;
    private long number;
    private int start;
    private int end;

    LineReader(InputStream in) {
        this(in, 1 << 20, MAX_META_LINE_BYTES, MAX_LINE_BYTES);
    }

    LineReader(InputStream in, int initialBytes, int maxMetaLineBytes, int maxLineBytes) {
        this.in = in;
        this.buffer = new byte[initialBytes];
        this.maxMetaLineBytes = maxMetaLineBytes;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Moves to the next line; its bytes are {@code buffer()[start(), end())} without the line break (a {@code \r}
     * before it is dropped too).
     *
     * @return false at the end of the input
     * @throws LineTooLongException when a line exceeds the maximum length of its kind
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
     * time, so that lines before a broken end of a compressed stream are all handed out before the error surfaces;
     * never more than the line may take, so that a line without end is refused as soon as it is too long.
     */
    private int fill() throws IOException {
        int pending = limit - next;
        int maxBytes = maxBytesOfUnfinishedLine();
        if (pending >= maxBytes) {
            throw new LineTooLongException(number + 1, maxBytes);
        }
        if (next > 0) {
            System.arraycopy(buffer, next, buffer, 0, pending);
            next = 0;
            limit = pending;
        }
        if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(maxBytes, buffer.length * 2));
        }
        int read = in.read(buffer, limit, Math.min(buffer.length, maxBytes) - limit);
        if (read < 0) {
            endOfInput = true;
        } else {
            limit += read;
        }
        return pending;
    }

    /** The most the line being read may take: a meta-information line, kept as text, less than the others. */
    private int maxBytesOfUnfinishedLine() {
        boolean meta = limit - next >= 2 && buffer[next] == '#' && buffer[next + 1] == '#';
        return meta ? maxMetaLineBytes : maxLineBytes;
    }

    /** A line too long to be VCF; the file is refused at that line. */
    static final class LineTooLongException extends IOException {

        private final long line;
        private final int maxLineBytes;

        LineTooLongException(long line, int maxLineBytes) {
            super("line " + line + " is longer than " + maxLineBytes + " bytes");
            this.line = line;
            this.maxLineBytes = maxLineBytes;
        }

        long line() {
            return line;
        }

        /** The most the line was allowed to take. */
        int maxLineBytes() {
            return maxLineBytes;
        }
    }
}
