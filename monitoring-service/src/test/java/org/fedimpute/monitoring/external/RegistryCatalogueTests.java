package org.fedimpute.monitoring.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.UUID;
import org.fedimpute.events.ServiceHealth;
import org.fedimpute.monitoring.MonitoringTestSupport;
import org.fedimpute.monitoring.PlatformStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The catalogue renames and forgets services as the registry does, and an unreachable registry changes nothing. */
class RegistryCatalogueTests extends MonitoringTestSupport {

    @Autowired
    RegistryCatalogue catalogue;

    @Autowired
    ExternalServices services;

    @AfterEach
    void restoreTheCatalogue() {
        PlatformStub.defaultCatalogue();
    }

    @Test
    void aRenamedServiceIsRenamedAndAnUnlistedOneForgotten() {
        assertThat(catalogue.refresh()).isEqualTo(2);
        PlatformStub.catalogue(PlatformStub.listed(
                PlatformStub.MICHIGAN_ID, "michigan", "Michigan (v2)", "HEALTHY", PlatformStub.MICHIGAN_CHECKED_AT));

        assertThat(catalogue.refresh()).isEqualTo(1);

        assertThat(services.all())
                .extracting(ExternalService::slug, ExternalService::name)
                .containsExactly(tuple("michigan", "Michigan (v2)"));
    }

    @Test
    void aSlugRegisteredAgainUnderANewIdNamesTheNewServiceUntilTheCatalogueDropsTheOld() {
        UUID deleted = UUID.randomUUID();
        UUID registeredAgain = UUID.randomUUID();
        services.report(deleted, "reused", "Reused", ServiceHealth.HEALTHY, clock.instant());
        clock.advance(Duration.ofMinutes(1));
        services.report(registeredAgain, "reused", null, ServiceHealth.HEALTHY, clock.instant());

        assertThat(services.idOf("reused")).hasValue(registeredAgain);
        assertThat(services.idOf("never-registered")).isEmpty();

        catalogue.refresh();
        assertThat(services.idOf("reused"))
                .as("forgotten once the registry no longer lists it")
                .isEmpty();
    }

    @Test
    void anUnreachableRegistryLeavesTheKnownServicesAlone() {
        assertThat(catalogue.refresh()).isEqualTo(2);
        PlatformStub.registryUnavailable();

        catalogue.refreshOnSchedule();

        assertThat(services.all()).extracting(ExternalService::slug).containsExactly("local-node", "michigan");
    }
}
