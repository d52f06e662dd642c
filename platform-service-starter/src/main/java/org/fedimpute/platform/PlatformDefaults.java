package org.fedimpute.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds the settings every service shares (schema-per-service persistence, actuator exposure, metric tags, logging
 * correlation, token validation) beneath everything else, so a service's own configuration, the environment and
 * the command line still override each one.
 */
class PlatformDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "fedimpute-service-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment
                    .getPropertySources()
                    .addLast(new ResourcePropertySource("fedimpute-service-defaults", new ClassPathResource(RESOURCE)));
        } catch (IOException e) {
            throw new UncheckedIOException("The starter's " + RESOURCE + " is missing", e);
        }
    }
}
