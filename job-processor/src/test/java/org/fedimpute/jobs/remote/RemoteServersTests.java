package org.fedimpute.jobs.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.fedimpute.jobs.remote.calls.RemoteCallProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The remote clients as Spring wires them: one per kind, picked by kind, with their settings bound and checked. */
class RemoteServersTests {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withBean(JsonMapper.class, () -> JsonMapper.builder().build())
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withUserConfiguration(RemoteClients.class);

    @Test
    void eachKindHasItsClientAndAnUnknownKindIsRejectedNamingTheKnownOnes() {
        context.run(context -> {
            RemoteServers servers = context.getBean(RemoteServers.class);
            assertThat(servers.forKind("MICHIGAN").kind()).isEqualTo("MICHIGAN");
            assertThat(servers.forKind("GA4GH_WES").kind()).isEqualTo("GA4GH_WES");
            assertThatThrownBy(() -> servers.forKind("PLINK_NODE"))
                    .isInstanceOf(RemoteFailure.Rejected.class)
                    .hasMessage("FedImpute cannot send jobs to services of kind PLINK_NODE;"
                            + " it speaks GA4GH_WES and MICHIGAN");
        });
    }

    @Test
    void theResilienceSettingsDefaultToSensibleValues() {
        context.run(context -> {
            RemoteCallProperties properties = context.getBean(RemoteCallProperties.class);
            assertThat(properties.retry().retries()).isEqualTo(3);
            assertThat(properties.retry().initialBackoff()).hasSeconds(1);
            assertThat(properties.retry().multiplier()).isEqualTo(2.0);
            assertThat(properties.circuitBreaker().failureRateThreshold()).isEqualTo(50f);
            assertThat(properties.circuitBreaker().slidingWindow()).isEqualTo(10);
            assertThat(properties.circuitBreaker().openFor()).hasSeconds(60);
            assertThat(properties.bulkhead().maxConcurrentCalls()).isEqualTo(8);
        });
    }

    @Test
    void theResilienceSettingsAreOverriddenByPropertiesAndChecked() {
        context.withPropertyValues(
                        "fedimpute.jobs.remote.retry.retries=0",
                        "fedimpute.jobs.remote.circuit-breaker.open-for=250ms",
                        "fedimpute.jobs.remote.bulkhead.max-concurrent-calls=2")
                .run(context -> {
                    RemoteCallProperties properties = context.getBean(RemoteCallProperties.class);
                    assertThat(properties.retry().retries()).isZero();
                    assertThat(properties.circuitBreaker().openFor()).hasMillis(250);
                    assertThat(properties.bulkhead().maxConcurrentCalls()).isEqualTo(2);
                });
        context.withPropertyValues("fedimpute.jobs.remote.bulkhead.max-concurrent-calls=0")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("maxConcurrentCalls"));
    }

    @Configuration(proxyBeanMethods = false)
    @ComponentScan
    static class RemoteClients {}
}
