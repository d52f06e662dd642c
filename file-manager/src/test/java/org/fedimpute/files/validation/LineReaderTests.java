package org.fedimpute.files.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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

        assertThat(lines(new LineReader(stream(text), 16, 1024))).containsExactly("a", longLine, "b", "", "last");
    }

    @Test
    void lineNumbersCountEveryLine() throws IOException {
        LineReader reader = new LineReader(stream("one\ntwo\nthree\n"), 4, 64);

        reader.next();
        reader.next();

        assertThat(reader.number()).isEqualTo(2);
        assertThat(reader.text()).isEqualTo("two");
        assertThat(reader.next()).isTrue();
        assertThat(reader.next()).isFalse();
    }

    @Test
    void aLineBeyondTheLimitIsRefusedWithItsNumber() throws IOException {
        LineReader reader = new LineReader(stream("short\n" + "y".repeat(200) + "\n"), 16, 64);
        reader.next();

        assertThatThrownBy(reader::next)
                .isInstanceOfSatisfying(
                        LineReader.LineTooLongException.class,
                        e -> assertThat(e.line()).isEqualTo(2));
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
