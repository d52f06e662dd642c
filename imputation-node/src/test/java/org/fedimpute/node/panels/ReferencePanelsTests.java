package org.fedimpute.node.panels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fedimpute.test.genotypes.GenotypeSimulation;
import org.fedimpute.test.genotypes.SimulatedDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Panels bound from the node's configuration and checked at startup, with problems reported rather than dropped. */
class ReferencePanelsTests {

    @TempDir
    Path directory;

    @Test
    void bindsThePanelConfigurationAndReadsTheHaplotypeCount() throws IOException {
        SimulatedDataset data = GenotypeSimulation.builder()
                .referenceSamples(30)
                .variantSites(200)
                .build()
                .writeTo(directory);

        new ApplicationContextRunner()
                .withUserConfiguration(ReferencePanels.class)
                .withPropertyValues(
                        "fedimpute.node.panels[0].id=demo",
                        "fedimpute.node.panels[0].display-name=Demo panel",
                        "fedimpute.node.panels[0].build=GRCh37",
                        "fedimpute.node.panels[0].populations=EUR,AFR",
                        "fedimpute.node.panels[0].chromosomes[0].chromosome=20",
                        "fedimpute.node.panels[0].chromosomes[0].reference=" + data.reference(),
                        "fedimpute.node.panels[0].chromosomes[0].genetic-map=" + data.geneticMap())
                .run(context -> {
                    ReferencePanel panel =
                            context.getBean(ReferencePanels.class).find("demo").orElseThrow();
                    assertThat(panel.problems()).isEmpty();
                    assertThat(panel.displayName()).isEqualTo("Demo panel");
                    assertThat(panel.build()).isEqualTo(GenomeBuild.HG19);
                    assertThat(panel.populations()).containsExactly("EUR", "AFR");
                    assertThat(panel.haplotypes()).isEqualTo(60);
                    assertThat(panel.chromosome("20").orElseThrow().sites()).hasValue(data.reference());
                });
    }

    @Test
    void reportsMissingFilesAndAnUnknownBuildInsteadOfDroppingThePanel() throws IOException {
        Path bref3 = Files.writeString(directory.resolve("chr20.bref3"), "not really bref3");
        ReferencePanels panels = new ReferencePanels(new PanelProperties(List.of(new PanelProperties.Panel(
                "broken",
                null,
                "hg18",
                List.of(),
                List.of(new PanelProperties.Chromosome(
                        "20", bref3, directory.resolve("sites.vcf.gz"), directory.resolve("missing.map")))))));

        ReferencePanel panel = panels.find("broken").orElseThrow();
        assertThat(panel.usable()).isFalse();
        assertThat(panel.problems())
                .containsExactly(
                        "its build 'hg18' is not hg19 (GRCh37) or hg38 (GRCh38)",
                        "chromosome 20: the genetic-map file " + directory.resolve("missing.map") + " does not exist",
                        "chromosome 20: the sites file " + directory.resolve("sites.vcf.gz") + " does not exist");
        assertThat(panels.all()).containsExactly(panel);
    }
}
