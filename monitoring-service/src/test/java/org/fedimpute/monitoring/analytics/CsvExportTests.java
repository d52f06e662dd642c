package org.fedimpute.monitoring.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fedimpute.monitoring.analytics.JobReport.FailureReason;
import org.junit.jupiter.api.Test;

/** CSV cells are quoted where RFC 4180 needs it, and text a spreadsheet would run as a formula is defused. */
class CsvExportTests {

    @Test
    void cellsAreQuotedAndFormulasDefused() {
        String csv = CsvExport.write(
                FailureReason.class,
                List.of(
                        new FailureReason("=HYPERLINK(\"http://evil\")", 1),
                        new FailureReason("-1 samples, \"chr20\"", 2),
                        new FailureReason("line one\nline two", 3),
                        new FailureReason(null, 4)));

        assertThat(csv)
                .isEqualTo("reason,jobs\r\n"
                        + "\"'=HYPERLINK(\"\"http://evil\"\")\",1\r\n"
                        + "\"'-1 samples, \"\"chr20\"\"\",2\r\n"
                        + "\"line one\nline two\",3\r\n"
                        + ",4\r\n");
    }
}
