package org.fedimpute.registry.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a WES node's service-info in the shapes of WES 1.1 (the platform's node) and WES 1.0. */
class WesServiceInfoTests {

    @Test
    void aWes11DocumentOfThePlatformsNode() {
        WesServiceInfo info = WesServiceInfo.parse(Fixtures.json("wes/service-info-1.1.json"));

        assertThat(info.id()).isEqualTo("org.fedimpute.node.cape-town");
        assertThat(info.type()).isEqualTo(new WesServiceInfo.ServiceType("org.ga4gh", "wes", "1.1.0"));
        assertThat(info.organization().name()).isEqualTo("University of Cape Town");
        assertThat(info.version()).isEqualTo("0.1.0");
        assertThat(info.workflowTypeVersions()).isEqualTo(Map.of("IMPUTATION", List.of("1.0")));
        assertThat(info.supportedWesVersions()).containsExactly("1.0.0", "1.1.0");
        assertThat(info.workflowEngineVersions()).isEqualTo(Map.of("beagle", List.of("5.4")));
        assertThat(info.systemStateCounts()).containsEntry("RUNNING", 2L).containsEntry("CANCELED", 0L);
        assertThat(info.tags()).containsEntry("site", "cape-town");
        assertThat(info.referencePanels())
                .containsExactly(
                        new WesServiceInfo.OfferedPanel(
                                "1kg-p3-hg38",
                                "1000 Genomes Phase 3 (hg38)",
                                "hg38",
                                List.of("eur", "afr", "eas", "sas", "amr"),
                                2504,
                                81_271_745L),
                        new WesServiceInfo.OfferedPanel(
                                "h3a-v6-hg38", "H3Africa v6 (GRCh38)", "hg38", List.of("afr"), 4447, 131_000_000L));
    }

    @Test
    void aWes10DocumentWithEngineVersionsAsStringsAndPanelsInATag() {
        WesServiceInfo info = WesServiceInfo.parse(Fixtures.json("wes/service-info-1.0.json"));

        assertThat(info.id()).isNull();
        assertThat(info.type()).isNull();
        assertThat(info.workflowEngineVersions())
                .isEqualTo(Map.of("cwltool", List.of("3.1.20240112164112"), "toil", List.of("6.1.0")));
        assertThat(info.workflowTypeVersions()).containsEntry("CWL", List.of("v1.0", "v1.1", "v1.2"));
        assertThat(info.supportedWesVersions()).containsExactly("1.0.0");
        assertThat(info.referencePanels())
                .extracting(WesServiceInfo.OfferedPanel::id)
                .containsExactly("hrc-r1.1-hg19", "1kg-p3-hg19");
        assertThat(info.referencePanels()).allSatisfy(panel -> {
            assertThat(panel.name()).isNull();
            assertThat(panel.populations()).isNull();
        });
    }

    @Test
    void whatANodeDoesNotSayOrSaysBadlyIsLeftOut() {
        WesServiceInfo info = WesServiceInfo.parse(Fixtures.parse("""
                {"id":"n","workflow_engine_versions":{"beagle":{"workflow_engine_version":"5.4"}},
                 "system_state_counts":{"RUNNING":-1,"QUEUED":"many","COMPLETE":3},
                 "reference_panels":[{"name":"no id"},{"id":"p","build":"hg37","samples":-5,"variants":1e3,
                                      "populations":["EUR",7,"??"]}]}
                """));

        assertThat(info.workflowEngineVersions()).isEqualTo(Map.of("beagle", List.of("5.4")));
        assertThat(info.systemStateCounts()).isEqualTo(Map.of("COMPLETE", 3L));
        assertThat(info.supportedWesVersions()).isEmpty();
        assertThat(info.referencePanels())
                .containsExactly(new WesServiceInfo.OfferedPanel("p", null, null, List.of("eur", "7"), null, null));
        assertThat(WesServiceInfo.parse(Fixtures.parse("{\"id\":\"n\",\"tags\":{}}"))
                        .referencePanels())
                .as("no panel information at all")
                .isNull();
        assertThat(WesServiceInfo.parse(Fixtures.parse("{\"reference_panels\":[]}"))
                        .referencePanels())
                .as("a node that says it offers none")
                .isEmpty();
        assertThatThrownBy(() -> WesServiceInfo.parse(Fixtures.parse("[1,2]")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
