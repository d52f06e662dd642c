package org.fedimpute.files.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines out of a byte stream, whatever the buffer boundaries and line endings. */
class LineReaderTests {

    @Test
    void linesLongerThanTheBufferAreReadWhole() throws IOException {
        String longLine = "x".repeat(100);
        String text = "a\n" + longLine + "\nb\r\n\nlast";

        assertThat(lines(new LineReader(stream(text), 16, 1024, 1024))).containsExactly("a", longLine, "b", "", "last");
    }

    @Test
    void lineNumbersCountEveryLine() throws IOException {
        LineReader reader = new LineReader(stream("one\ntwo\nthree\n"), 4, 64, 64);

        reader.next();
        reader.next();

        assertThat(reader.number()).isEqualTo(2);
        assertThat(reader.text()).isEqualTo("two");
        assertThat(reader.next()).isTrue();
        assertThat(reader.next()).isFalse();
    }

    @Test
    void aLineBeyondTheLimitIsRefusedWithItsNumber() throws IOException {
        LineReader reader = new LineReader(stream("short\n" + "y".repeat(200) + "\n"), 16, 64, 64);
        reader.next();

        assertThatThrownBy(reader::next)
                .isInstanceOfSatisfying(
                        LineReader.LineTooLongException.class,
                        e -> assertThat(e.line()).isEqualTo(2));
    }

    @Test
    void aMetaInformationLineIsHeldToALowerLimitThanOtherLines() throws IOException {
        LineReader reader =
                new LineReader(stream("##a\n" + "x".repeat(200) + "\n##" + "y".repeat(200) + "\n"), 16, 64, 1024);
        reader.next();
        reader.next();
        assertThat(reader.text()).hasSize(200);

        assertThatThrownBy(reader::next).isInstanceOfSatisfying(LineReader.LineTooLongException.class, e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.maxLineBytes()).isEqualTo(64);
        });
    }

    @Test
    void aLineWithoutEndIsRefusedWithoutReadingFarPastTheLimit() {
        long[] read = new long[1];
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read[0]++;
                return 'y';
            }
        };
        LineReader reader = new LineReader(endless, 16, 64, 1024);

        assertThatThrownBy(reader::next).isInstanceOf(LineReader.LineTooLongException.class);
        assertThat(read[0]).isLessThanOrEqualTo(1024);
    }

    private static List<String> lines(LineReader reader) throws IOException {
        List<String> lines = new ArrayList<>();
        while (reader.next()) {
            lines.add(reader.text());
        }
        return lines;
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
