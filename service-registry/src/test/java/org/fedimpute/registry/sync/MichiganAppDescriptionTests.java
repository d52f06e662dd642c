package org.fedimpute.registry.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.fedimpute.registry.panels.RemotePanel;
import org.junit.jupiter.api.Test;

/** Reading reference panels out of a Cloudgene app description. */
class MichiganAppDescriptionTests {

    @Test
    void refpanelOptionsArePanelsWithThePopulationsBoundToThem() {
        List<RemotePanel> panels = MichiganCatalogueClient.panelsOf(Fixtures.json("michigan/apps-first.json"));

        assertThat(panels)
                .extracting(RemotePanel::remoteKey)
                .containsExactly("apps@hapmap-2@2.0.0", "apps@1000g-phase-3-v5@2.0.0", "apps@h3africa-v6hc-s@1.0.0");
        assertThat(panels.get(1).displayName()).isEqualTo("1000 Genomes Phase 3 (Version 5)");
        assertThat(panels.get(0).populations()).containsExactly("eur", "afr", "asn", "mixed");
        assertThat(panels.get(2).populations()).containsExactly("afr", "mixed");
        assertThat(panels)
                .as("the app's build parameter is the input build, not the panels'")
                .allSatisfy(panel -> assertThat(panel.build()).isNull());
        assertThat(panels).allSatisfy(panel -> {
            assertThat(panel.sampleCount()).isNull();
            assertThat(panel.variantCount()).isNull();
        });
    }

    @Test
    void aBuildIsTakenFromThePanelsKeyOrNameOnlyWhenTheyNameOne() {
        List<RemotePanel> panels = MichiganCatalogueClient.panelsOf(Fixtures.json("michigan/apps-second.json"));

        assertThat(panels)
                .filteredOn(panel -> panel.remoteKey().equals("apps@topmed-r3-hg38@1.0.0"))
                .singleElement()
                .satisfies(panel -> {
                    assertThat(panel.build()).isEqualTo("hg38");
                    assertThat(panel.displayName()).isEqualTo("TOPMed r3 (GRCh38)");
                    assertThat(panel.populations()).containsExactly("all");
                });
        assertThat(PanelVocabulary.buildMentionedIn("apps@liftover-hg19-to-hg38@1.0.0", null))
                .as("a panel naming both builds has no single build")
                .isNull();
    }

    @Test
    void aPlainPopulationListAppliesToEveryPanelAndAMissingOneSaysNothing() {
        List<RemotePanel> plain = MichiganCatalogueClient.panelsOf(Fixtures.parse("""
                {"params":[
                  {"id":"refpanel","type":"app_list",
                   "values":[{"key":"apps@a@1","value":"A"},{"key":"apps@b@1","value":""}]},
                  {"id":"population","type":"list",
                   "values":[{"key":"EUR","value":"EUR"},{"key":"not a code!","value":"?"}]}]}
                """));
        assertThat(plain).allSatisfy(panel -> assertThat(panel.populations()).containsExactly("eur"));
        assertThat(plain.get(1).displayName())
                .as("an empty name is left to the key")
                .isNull();

        List<RemotePanel> silent = MichiganCatalogueClient.panelsOf(Fixtures.parse("""
                {"params":[{"id":"refpanel","type":"app_list",
                            "values":[{"key":"apps@a@1","value":"A"},{"value":"no key"}]}]}
                """));
        assertThat(silent)
                .singleElement()
                .satisfies(panel -> assertThat(panel.populations()).isNull());
    }

    @Test
    void anAppDescriptionWithoutPanelsIsAFailureNotAnEmptyCatalogue() {
        assertThatThrownBy(() -> MichiganCatalogueClient.panelsOf(Fixtures.parse("{\"id\":\"imputationserver2\"}")))
                .isInstanceOf(SyncFailure.class)
                .hasMessage("the app description has no params list");
        assertThatThrownBy(() -> MichiganCatalogueClient.panelsOf(
                        Fixtures.parse("{\"params\":[{\"id\":\"build\",\"values\":[]}]}")))
                .isInstanceOf(SyncFailure.class)
                .hasMessage("the app description has no refpanel parameter");
    }
}
