package org.fedimpute.files.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The backend and encryption are chosen by {@code fedimpute.files.storage.*}, and bad settings stop the start; the local
 * store's filesystem is measured.
 */
class StorageConfigurationTests {

    private static final String KEY =
            Base64.getEncoder().encodeToString("k".repeat(32).getBytes(StandardCharsets.US_ASCII));
    private static final byte[] VCF_LINE = "chr20\t60343\trs527639301\tG\tA\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path root;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(StorageConfiguration.class)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void storesUnencryptedUnderPlatformFilesByDefault() {
        runner.run(context -> {
            StorageProperties properties = context.getBean(StorageProperties.class);
            assertThat(properties.backend()).isEqualTo(StorageProperties.Backend.LOCAL);
            assertThat(properties.local().root().normalize()).isEqualTo(Path.of(".platform/files"));
            assertThat(properties.local().fsync()).isTrue();
            assertThat(properties.encryption().enabled()).isFalse();
            assertThat(properties.s3().partSize()).isEqualTo(DataSize.ofMegabytes(16));
            assertThat(context).hasSingleBean(FileStorage.class).doesNotHaveBean(S3Client.class);
        });
    }

    @Test
    void measuresTheFreeSpaceOfTheLocalStoresFilesystem() {
        runner.withPropertyValues("fedimpute.files.storage.local.root=" + root).run(context -> {
            MeterRegistry meters = new SimpleMeterRegistry();
            context.getBean(MeterBinder.class).bindTo(meters);

            double total = meters.get("disk.total")
                    .tag("path", root.toAbsolutePath().toString())
                    .gauge()
                    .value();
            double free = meters.get("disk.free")
                    .tag("path", root.toAbsolutePath().toString())
                    .gauge()
                    .value();
            assertThat(total).isPositive().isGreaterThanOrEqualTo(free);
            assertThat(free).isPositive();
        });
    }

    @Test
    void storesPlainContentOnTheLocalBackendWhenEncryptionIsOff() {
        runner.withPropertyValues("fedimpute.files.storage.local.root=" + root).run(context -> {
            context.getBean(FileStorage.class).write("plain", new ByteArrayInputStream(VCF_LINE));

            assertThat(storedFiles())
                    .singleElement()
                    .satisfies(file -> assertThat(Files.readAllBytes(file)).isEqualTo(VCF_LINE));
        });
    }

    @Test
    void encryptsWhenEnabled() {
        runner.withPropertyValues(
                        "fedimpute.files.storage.local.root=" + root,
                        "fedimpute.files.storage.encryption.enabled=true",
                        "fedimpute.files.storage.encryption.key=" + KEY)
                .run(context -> {
                    FileStorage storage = context.getBean(FileStorage.class);
                    storage.write("sealed", new ByteArrayInputStream(VCF_LINE));

                    assertThat(storedFiles()).singleElement().satisfies(file -> {
                        byte[] stored = Files.readAllBytes(file);
                        assertThat(stored)
                                .hasSize(EncryptedFileFormat.HEADER_BYTES
                                        + VCF_LINE.length
                                        + EncryptedFileFormat.TAG_BYTES);
                        assertThat(new String(stored, StandardCharsets.ISO_8859_1))
                                .doesNotContain("rs527639301");
                    });
                    try (InputStream in = storage.read("sealed", 0, -1)) {
                        assertThat(in.readAllBytes()).isEqualTo(VCF_LINE);
                    }
                });
    }

    @Test
    void refusesToStartWithEncryptionButNoKey() {
        runner.withPropertyValues("fedimpute.files.storage.encryption.enabled=true")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("fedimpute.files.storage.encryption.key is not set"));
    }

    @Test
    void refusesToStartWithAKeyOfTheWrongLengthWithoutShowingIt() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});

        runner.withPropertyValues(
                        "fedimpute.files.storage.encryption.enabled=true",
                        "fedimpute.files.storage.encryption.key=" + shortKey)
                .run(context -> {
                    assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("must be 32 bytes");
                    assertThat(context.getStartupFailure()).hasStackTraceContaining("32 bytes");
                    assertThat(stackTraceOf(context.getStartupFailure())).doesNotContain(shortKey);
                });
    }

    @Test
    void connectsToTheConfiguredS3CompatibleServerWithoutShowingItsSecret() {
        runner.withPropertyValues(
                        "fedimpute.files.storage.backend=s3",
                        "fedimpute.files.storage.s3.endpoint=http://127.0.0.1:9000",
                        "fedimpute.files.storage.s3.bucket=genotypes",
                        "fedimpute.files.storage.s3.access-key=minio",
                        "fedimpute.files.storage.s3.secret-key=very-secret-value",
                        "fedimpute.files.storage.s3.part-size=8MB")
                .run(context -> {
                    assertThat(context).hasSingleBean(S3Client.class).hasSingleBean(FileStorage.class);
                    StorageProperties.S3 s3 =
                            context.getBean(StorageProperties.class).s3();
                    assertThat(s3.partBytes()).isEqualTo(8 << 20);
                    assertThat(s3.toString()).contains("genotypes").doesNotContain("very-secret-value");
                });
    }

    @Test
    void refusesPartsSmallerThanS3Allows() {
        runner.withPropertyValues("fedimpute.files.storage.s3.part-size=1MB")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("part-size must be between 5MB and 512MB"));
    }

    private List<Path> storedFiles() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }

    private static String stackTraceOf(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
