package org.fedimpute.test.local;

import static org.assertj.core.api.Assertions.assertThat;

import htsjdk.variant.vcf.VCFFileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.fedimpute.test.genotypes.SimulatedDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo panel local mode imputes against: GRCh38 chr20, written once and then left alone. */
class DemoReferencePanelTests {

    @Test
    void writesAGrch38Chr20PanelOnceAndLeavesAWrittenOneAlone(@TempDir Path directory) throws IOException {
        SimulatedDataset first = DemoReferencePanel.writeUnlessPresent(directory);
        try (VCFFileReader reference = new VCFFileReader(first.reference())) {
            assertThat(reference.getFileHeader().getNGenotypeSamples()).isEqualTo(250);
            assertThat(reference.getFileHeader().getSequenceDictionary().getSequence("chr20"))
                    .isNotNull();
            assertThat(reference.iterator().stream().count()).isEqualTo(5_000);
        }
        FileTime old = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(first.reference(), old);

        SimulatedDataset second = DemoReferencePanel.writeUnlessPresent(directory);

        assertThat(second).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(second.reference())).isEqualTo(old);
    }

    @Test
    void aMissingFileHasThePanelWrittenAgain(@TempDir Path directory) throws IOException {
        SimulatedDataset first = DemoReferencePanel.writeUnlessPresent(directory);
        Files.delete(first.geneticMap());

        DemoReferencePanel.writeUnlessPresent(directory);

        assertThat(first.files()).allMatch(Files::isRegularFile);
    }
}
