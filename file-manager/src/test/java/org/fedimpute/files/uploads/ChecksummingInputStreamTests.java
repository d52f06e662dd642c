package org.fedimpute.files.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.fedimpute.files.GeneratedContent;
import org.fedimpute.files.records.ReceivedContent;
import org.junit.jupiter.api.Test;

class ChecksummingInputStreamTests {

    private final byte[] content = GeneratedContent.bytes(300_001, 7);

    @Test
    void theChecksumsAndSizeAreThoseOfEveryByteReadHoweverItIsRead() throws Exception {
        ChecksummingInputStream stream = new ChecksummingInputStream(new ByteArrayInputStream(content), Long.MAX_VALUE);
        stream.read();
        stream.skip(1000);
        stream.readNBytes(4095);
        stream.transferTo(OutputStreamSink.INSTANCE);

        ReceivedContent result = stream.result();
        assertThat(result.sizeBytes()).isEqualTo(content.length);
        assertThat(result.sha256()).isEqualTo(hex("SHA-256"));
        assertThat(result.md5()).isEqualTo(hex("MD5"));
    }

    @Test
    void readingPastTheLimitFailsAndSaysSo() throws IOException {
        InputStream stream = new ChecksummingInputStream(new ByteArrayInputStream(content), content.length - 1);
        assertThatThrownBy(stream::readAllBytes).isInstanceOf(IOException.class);
        assertThat(((ChecksummingInputStream) stream).limitExceeded()).isTrue();

        ChecksummingInputStream exact = new ChecksummingInputStream(new ByteArrayInputStream(content), content.length);
        assertThat(exact.readAllBytes()).hasSize(content.length);
        assertThat(exact.limitExceeded()).isFalse();
    }

    private String hex(String algorithm) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    }

    /** Discards what is written. */
    private static final class OutputStreamSink extends java.io.OutputStream {

        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }
}
