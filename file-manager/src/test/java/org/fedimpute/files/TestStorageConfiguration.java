package org.fedimpute.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * What the files API tests run with: storage in a directory under {@code target/} they can look into, and a clock
 * they can move. Both are {@code @Primary}, so they take precedence over the storage backend and clock the service
 * configures itself; a test class imports this explicitly, so other tests see the service's own.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestStorageConfiguration {

    @Bean
    @Primary
    DirectoryFileStorage directoryFileStorage() throws IOException {
        Path underBuild = Files.createDirectories(Path.of("target", "test-storage"));
        return new DirectoryFileStorage(Files.createTempDirectory(underBuild, "context-"));
    }

    @Bean
    @Primary
    AdjustableClock adjustableClock() {
        return new AdjustableClock();
    }
}
