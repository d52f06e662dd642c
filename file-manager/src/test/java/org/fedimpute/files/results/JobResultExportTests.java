package org.fedimpute.files.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JobResultExportTests {

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of("chr1.dose.vcf.gz", "chr1.dose.vcf.gz"),
                Arguments.of("a,b.txt", "\"a,b.txt\""),
                Arguments.of("say \"hi\".txt", "\"say \"\"hi\"\".txt\""),
                Arguments.of("=HYPERLINK(1).txt", "'=HYPERLINK(1).txt"),
                Arguments.of("+1.txt", "'+1.txt"),
                Arguments.of("@sum.txt", "'@sum.txt"),
                Arguments.of("-2,3.txt", "\"'-2,3.txt\""));
    }

    @ParameterizedTest
    @MethodSource("names")
    void namesAreQuotedWhereNeededAndNeverReadAsFormulas(String name, String field) {
        assertThat(JobResultExport.csvField(name)).isEqualTo(field);
    }
}
