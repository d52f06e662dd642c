package org.fedimpute.registry.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.fedimpute.registry.RegistryApiTest;
import org.fedimpute.registry.panels.PanelCatalogue;
import org.fedimpute.registry.panels.PanelRequest;
import org.fedimpute.registry.panels.PanelResponse;
import org.fedimpute.registry.services.ServiceCatalogue;
import org.fedimpute.registry.services.ServiceKind;
import org.fedimpute.registry.services.ServiceRequest;
import org.fedimpute.test.concurrency.AtOnce;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The registry started as {@code ./platform up} starts it, with its local-mode seed file: the local imputation node
 * and its demo panel are there, once, and a later start leaves an admin's changes alone.
 */
@TestPropertySource(
        properties = {
            "spring.config.additional-location=file:../platform.d/registry-seed.yml",
            "fedimpute.registry.seed.enabled=true"
        })
class CatalogueSeedTests extends RegistryApiTest {

    @Autowired
    private CatalogueSeed seed;

    @Autowired
    private ServiceCatalogue services;

    @Autowired
    private PanelCatalogue panels;

    @Test
    void theLocalNodeAndItsDemoPanelAreThereOnceAndARestartKeepsWhatAnAdminChanged() {
        JsonNode node = body(get("/api/v1/services/local-node", researcher()), 200);
        assertThat(node.get("name").asString()).isEqualTo("FedImpute local imputation node");
        assertThat(node.get("kind").asString()).isEqualTo("GA4GH_WES");
        assertThat(node.get("baseUrl").asString()).isEqualTo("http://localhost:8010/ga4gh/wes/v1");
        assertThat(node.get("supportedBuilds").toString()).isEqualTo("[\"hg38\"]");
        assertThat(node.get("inputFormats").toString()).isEqualTo("[\"vcf.gz\"]");
        assertThat(node.get("requiresUserToken").asBoolean()).isFalse();
        assertThat(node.get("panels")).hasSize(1);
        JsonNode panel = node.get("panels").get(0);
        assertThat(panel.get("remoteKey").asString()).isEqualTo("synthetic-chr20");
        assertThat(panel.get("displayName").asString()).isEqualTo("FedImpute synthetic demo panel (chr20)");
        assertThat(panel.get("build").asString()).isEqualTo("hg38");
        assertThat(panel.get("populations").toString()).isEqualTo("[\"synthetic\"]");

        String id = node.get("id").asString();
        body(call("PUT", "/api/v1/admin/services/" + id, admin, """
                {"slug":"local-node","name":"Our node","kind":"GA4GH_WES",
                 "baseUrl":"http://node.internal:8010/ga4gh/wes/v1","supportedBuilds":["hg38","hg19"]}
                """), 200);
        body(call("PUT", "/api/v1/admin/reference-panels/" + panel.get("id").asString(), admin, """
                {"remoteKey":"synthetic-chr20","displayName":"Demo panel","build":"hg38","populations":["synthetic"]}
                """), 200);

        seed.seed();

        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM imputation_service WHERE slug = 'local-node'", Integer.class))
                .isEqualTo(1);
        JsonNode after = body(get("/api/v1/services/local-node", researcher()), 200);
        assertThat(after.get("name").asString()).isEqualTo("Our node");
        assertThat(after.get("baseUrl").asString()).isEqualTo("http://node.internal:8010/ga4gh/wes/v1");
        assertThat(after.get("panels")).hasSize(1);
        assertThat(after.get("panels").get(0).get("displayName").asString()).isEqualTo("Demo panel");
    }

    @Test
    void aPanelAddedToTheSeedLaterIsEnteredBesideTheExistingOnes() {
        PanelRequest first = panel("grown-chr20");
        seedWith(service("seed-grown", "As first seeded"), List.of(first)).seed();

        CatalogueSeed grown =
                seedWith(service("seed-grown", "Renamed in the seed"), List.of(first, panel("grown-chr21")));
        grown.seed();
        grown.seed();

        UUID id = services.endpoint("seed-grown").orElseThrow().id();
        assertThat(services.endpoint("seed-grown").orElseThrow().name()).isEqualTo("As first seeded");
        assertThat(panels.panelsOf(id).stream().map(PanelResponse::remoteKey))
                .containsExactlyInAnyOrder("grown-chr20", "grown-chr21");
    }

    @Test
    void replicasSeedingOneCatalogueAtOnceAllStartAndEnterEachServiceAndPanelOnce() throws Exception {
        CatalogueSeed seed = seedWith(
                service("seed-replicas", "Seeded by several"),
                List.of(panel("replicas-chr20"), panel("replicas-chr21"), panel("replicas-chr22")));
        AtOnce.times(6, () -> {
            seed.seed();
            return null;
        });

        UUID id = services.endpoint("seed-replicas").orElseThrow().id();
        assertThat(panels.panelsOf(id).stream().map(PanelResponse::remoteKey))
                .containsExactlyInAnyOrder("replicas-chr20", "replicas-chr21", "replicas-chr22");
    }

    @Test
    void nothingIsSeededUnlessSeedingIsEnabled() {
        CatalogueSeed disabled = new CatalogueSeed(
                new SeedProperties(
                        false,
                        List.of(new SeedProperties.SeededService(service("seed-disabled", "Never seeded"), List.of()))),
                services,
                panels);

        disabled.seedWhenReady();

        assertThat(services.endpoint("seed-disabled")).isEmpty();
    }

    private CatalogueSeed seedWith(ServiceRequest service, List<PanelRequest> servicePanels) {
        return new CatalogueSeed(
                new SeedProperties(true, List.of(new SeedProperties.SeededService(service, servicePanels))),
                services,
                panels);
    }

    private static ServiceRequest service(String slug, String name) {
        return new ServiceRequest(
                slug,
                name,
                ServiceKind.GA4GH_WES,
                "https://" + slug + ".example.org/ga4gh/wes/v1",
                null,
                null,
                null,
                List.of("hg38"),
                null,
                null,
                false,
                null,
                null,
                null);
    }

    private static PanelRequest panel(String remoteKey) {
        return new PanelRequest(remoteKey, "Panel " + remoteKey, "hg38", List.of("synthetic"), null, null, null);
    }
}
