package org.fedimpute.test.infra;

import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Turns {@link UseEmbeddedInfra} on a test class into the customizer that wires the embedded servers. */
class EmbeddedInfraContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        UseEmbeddedInfra settings = TestContextAnnotationUtils.findMergedAnnotation(testClass, UseEmbeddedInfra.class);
        if (settings == null) {
            return null;
        }
        Class<?> isolationKey = settings.isolation() == UseEmbeddedInfra.Isolation.CLASS ? testClass : null;
        return new EmbeddedInfraContextCustomizer(settings.postgres(), settings.redis(), isolationKey);
    }
}
