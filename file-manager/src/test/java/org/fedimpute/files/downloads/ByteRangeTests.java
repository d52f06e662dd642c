package org.fedimpute.files.downloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTests {

    private static final long SIZE = 1000;

    @ParameterizedTest
    @CsvSource({
        "bytes=0-0, 0, 0",
        "bytes=10-19, 10, 19",
        "bytes=990-, 990, 999",
        "bytes=990-5000, 990, 999",
        "bytes=-10, 990, 999",
        "bytes=-5000, 0, 999",
        "bytes=-9999999999999999999, 0, 999",
        "bytes=990-9999999999999999999, 990, 999",
        "' bytes=0-999 ', 0, 999"
    })
    void aSingleRangeIsServedClippedToTheFile(String header, long first, long last) {
        ByteRange range = ByteRange.of(header, SIZE).orElseThrow();
        assertThat(range).isEqualTo(new ByteRange(first, last));
        assertThat(range.contentRange(SIZE)).isEqualTo("bytes " + first + "-" + last + "/" + SIZE);
        assertThat(range.length()).isEqualTo(last - first + 1);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"bytes=0-1,5-6", "items=0-1", "bytes=5-2", "bytes=-", "bytes=a-b", "0-1"})
    void anythingElseIsIgnoredAndTheWholeFileSent(String header) {
        assertThat(ByteRange.of(header, SIZE)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=1000-", "bytes=1000-1001", "bytes=-0", "bytes=9999999999999999999-"})
    void aRangeBeyondTheEndIsUnsatisfiable(String header) {
        assertThatThrownBy(() -> ByteRange.of(header, SIZE)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }
}
