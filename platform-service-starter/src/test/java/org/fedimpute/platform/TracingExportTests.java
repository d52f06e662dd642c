package org.fedimpute.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Every service carries an OTLP span exporter, and it must stay silent until an operator names a collector: a service
 * must never try to ship traces to a default address that nobody runs.
 */
class TracingExportTests {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withInitializer(context ->
                    new PlatformDefaults().postProcessEnvironment(context.getEnvironment(), new SpringApplication()))
            .withConfiguration(AutoConfigurations.of(OtlpTracingAutoConfiguration.class));

    @Test
    void noSpansAreExportedUnlessAnEndpointIsConfigured() {
        contexts.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(SpanExporter.class);
        });
    }

    @Test
    void anEndpointTurnsTheOtlpExporterOn() {
        contexts.withPropertyValues(
                        "management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:4318/v1/traces")
                .run(context -> assertThat(context).hasSingleBean(OtlpHttpSpanExporter.class));
    }
}
