package org.fedimpute.files.uploads;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

/** Binds the upload settings and clears away idle unfinished resumable uploads on a schedule. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({UploadProperties.class, LimitProperties.class, RegistryProperties.class})
class UploadConfiguration {

    @Bean
    SchedulingConfigurer resumableUploadCleanUp(ResumableUploads uploads, UploadProperties properties) {
        return registrar -> registrar.addFixedDelayTask(uploads::cleanUp, properties.cleanupInterval());
    }
}
