package org.fedimpute.files.uploads;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where service-registry is, which knows each imputation service's own upload limit.
 *
 * @param url its base URL
 * @param connectTimeout how long to wait for a connection before holding an upload to tier limits only
 * @param readTimeout how long to wait for its answer before holding an upload to tier limits only
 */
@ConfigurationProperties("fedimpute.files.registry")
record RegistryProperties(
        @DefaultValue("http://localhost:8002") String url,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout) {}
