package org.fedimpute.node.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** Where a run's inputs land on the node's disk, whatever the researcher named them. */
class RunWorkspaceTests {

    @TempDir
    Path root;

    @Test
    void aResearchersFileNameLosesWhatCouldLeaveTheDirectory() {
        assertThat(RunWorkspace.safeName("../../etc/passwd")).isEqualTo("_.._etc_passwd");
        assertThat(RunWorkspace.safeName("my genotypes (1).vcf.gz")).isEqualTo("my_genotypes__1_.vcf.gz");
    }

    @Test
    void aNameTooLongForAFileSystemKeepsItsEndAndCanBeWritten() throws Exception {
        String name = "a".repeat(300) + ".vcf.gz";
        RunWorkspace workspace = new RunWorkspace(new RunProperties(1, root, null, DataSize.ofGigabytes(1)));
        UUID run = UUID.randomUUID();

        Path first = workspace.inputFile(run, 0, name);
        Files.writeString(first, "first");
        Path second = workspace.inputFile(run, 1, name);
        Files.writeString(second, "second");

        assertThat(first.getFileName().toString())
                .hasSize(RunWorkspace.MAX_NAME_LENGTH)
                .endsWith(".vcf.gz");
        assertThat(second).isNotEqualTo(first);
        assertThat(Files.readString(first)).isEqualTo("first");
    }

    @Test
    void namesThatRepeatOrCollideWithAPositionedNameEachGetAFileOfTheirOwn() throws Exception {
        RunWorkspace workspace = new RunWorkspace(new RunProperties(1, root, null, DataSize.ofGigabytes(1)));
        UUID run = UUID.randomUUID();
        List<String> names = List.of("2-a.vcf", "a.vcf", "a.vcf", "2-a.vcf");
        List<Path> files = new ArrayList<>();
        for (int position = 0; position < names.size(); position++) {
            Path file = workspace.inputFile(run, position, names.get(position));
            Files.createFile(file);
            files.add(file);
        }

        assertThat(files).doesNotHaveDuplicates();
        assertThat(files.get(0).getFileName()).hasToString("2-a.vcf");
        assertThat(files.get(1).getFileName()).hasToString("a.vcf");
    }
}
