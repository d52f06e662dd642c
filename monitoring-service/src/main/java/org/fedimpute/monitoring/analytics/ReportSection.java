package org.fedimpute.monitoring.analytics;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.fedimpute.monitoring.analytics.JobReport.FailureReason;
import org.fedimpute.monitoring.analytics.JobReport.Funnel;
import org.fedimpute.monitoring.analytics.JobReport.HourLoad;
import org.fedimpute.monitoring.analytics.JobReport.OutcomeStats;
import org.fedimpute.monitoring.analytics.JobReport.TimelineBucket;
import org.fedimpute.monitoring.analytics.JobReport.UserUsage;

/** The sections of a {@link JobReport} that can be exported one at a time, each a table of one record type. */
enum ReportSection {
    OVERALL(OutcomeStats.class, report -> List.of(report.overall())),
    TIMELINE(TimelineBucket.class, JobReport::timeline),
    FUNNEL(Funnel.class, report -> List.of(report.funnel())),
    SERVICES(OutcomeStats.class, JobReport::byService),
    PANELS(OutcomeStats.class, JobReport::byPanel),
    INPUT_SIZES(OutcomeStats.class, JobReport::byInputSize),
    FAILURE_REASONS(FailureReason.class, JobReport::failureReasons),
    BUSIEST_HOURS(HourLoad.class, JobReport::busiestHours),
    USERS(UserUsage.class, JobReport::users);

    private final Class<? extends Record> rowType;
    private final Function<JobReport, List<? extends Record>> rows;

    ReportSection(Class<? extends Record> rowType, Function<JobReport, List<? extends Record>> rows) {
        this.rowType = rowType;
        this.rows = rows;
    }

    /** The section's name in a request: lower case with dashes, such as {@code failure-reasons}. */
    String parameter() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static ReportSection fromParameter(String parameter) {
        for (ReportSection section : values()) {
            if (section.parameter().equals(parameter)) {
                return section;
            }
        }
        return null;
    }

    String csv(JobReport report) {
        return CsvExport.write(rowType, rows.apply(report));
    }
}
