package org.fedimpute.files.storage;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.system.DiskSpaceMetrics;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the one {@link FileStorage} the service uses from {@code fedimpute.files.storage.*}: the configured backend,
 * wrapped in encryption at rest when it is enabled, and metered.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    /** The S3 client, closed by the context on shutdown; only when the S3 backend is chosen. */
    @Bean
    @ConditionalOnProperty(name = "fedimpute.files.storage.backend", havingValue = "s3")
    S3Client fileStorageS3Client(StorageProperties properties) {
        return S3FileStorage.client(properties.s3());
    }

    /** Free and total bytes of the local store's filesystem ({@code disk.free}, {@code disk.total}) for the disk alert. */
    @Bean
    @ConditionalOnProperty(name = "fedimpute.files.storage.backend", havingValue = "local", matchIfMissing = true)
    MeterBinder localStorageDiskSpace(StorageProperties properties) {
        return new DiskSpaceMetrics(properties.local().root().toAbsolutePath().toFile());
    }

    @Bean
    FileStorage fileStorage(
            StorageProperties properties, ObjectProvider<S3Client> s3Client, MeterRegistry meterRegistry) {
        FileStorage storage = switch (properties.backend()) {
            case LOCAL -> {
                log.info("Files are stored under {}", properties.local().root().toAbsolutePath());
                yield new LocalFileStorage(
                        properties.local().root(), properties.local().fsync());
            }
            case S3 -> {
                log.info(
                        "Files are stored in S3 bucket {} ({})", properties.s3().bucket(), properties.s3());
                yield new S3FileStorage(
                        s3Client.getObject(),
                        properties.s3().bucket(),
                        properties.s3().partBytes());
            }
        };
        boolean encrypted = properties.encryption().enabled();
        if (encrypted) {
            log.info("Files are encrypted at rest (AES-256-GCM)");
            storage = new EncryptedFileStorage(storage, properties.encryption().keyBytes());
        }
        return new MeteredFileStorage(
                storage, meterRegistry, properties.backend().name().toLowerCase(Locale.ROOT), encrypted);
    }
}
