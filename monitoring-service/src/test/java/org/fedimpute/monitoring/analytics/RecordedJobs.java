package org.fedimpute.monitoring.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fedimpute.events.EventEnvelope;
import org.fedimpute.events.JobCancelled;
import org.fedimpute.events.JobCompleted;
import org.fedimpute.events.JobEvent;
import org.fedimpute.events.JobFailed;
import org.fedimpute.events.JobQueued;
import org.fedimpute.events.JobStarted;
import org.fedimpute.events.JobSubmitted;

/**
 * Ten jobs over two days (from {@link #DAY_ONE}) on two services by two users, as job-processor's events tell them,
 * with the analytics worked out by hand in {@link JobAnalyticsTests}.
 *
 * <pre>
 * job  user svc   panel            input   day time  submitted queued started ended      outcome
 * J1   U1   MICH  hapmap-2          5 MB   1   09:00 09:01  09:05  09:15 completed (600 s)
 * J2   U1   MICH  hapmap-2         50 MB   1   09:30 09:31  09:40  10:00 completed (1200 s)
 * J3   U2   MICH  1000g-phase3    500 MB   1   10:10 10:11  10:20  10:25 failed: Out of memory
 * J4   U2   NODE  synthetic-chr20   2 GB   1   14:00 14:01  14:02  15:02 completed (3600 s)
 * J5   U1   NODE  synthetic-chr20   5 MB   1   14:30   -      -    14:31 failed: not a VCF (while pending)
 * J6   U2   NODE  synthetic-chr20  20 GB   1   15:00 15:01    -    15:30 cancelled
 * J7   U1   MICH  hapmap-2          1 MB   2   09:00 09:01  09:02    -   running
 * J8   U2   MICH  hapmap-2          1 MB   2   10:00 10:01    -      -   queued
 * J9   U2   NODE  1000g-phase3      1 MB   2   11:00 11:01  11:10  11:20 failed: Out of memory (+ a detail line)
 * J10  U1   NODE  synthetic-chr20   5 MB   2   11:00 11:05  11:10  11:40 completed (1800 s)
 * </pre>
 */
final class RecordedJobs {

    static final Instant DAY_ONE = Instant.parse("2026-03-02T00:00:00Z");
    static final UUID MICHIGAN = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    static final UUID NODE = UUID.fromString("00000000-0000-0000-0000-0000000000a2");
    static final UUID U1 = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
    static final UUID U2 = UUID.fromString("00000000-0000-0000-0000-0000000000b2");
    static final String NOT_A_VCF = "Input is not a VCF file: \"sample.txt\", line 1";

    static final long MB = 1024 * 1024;

    private final List<EventEnvelope<JobEvent>> events = new ArrayList<>();
    final UUID j10 = UUID.randomUUID();
    final UUID j7 = UUID.randomUUID();

    RecordedJobs() {
        UUID j1 = UUID.randomUUID();
        submitted(j1, U1, MICHIGAN, "hapmap-2", 5 * MB, 1, "09:00");
        queued(j1, U1, MICHIGAN, 1, "09:01");
        started(j1, U1, MICHIGAN, 1, "09:05");
        completed(j1, U1, MICHIGAN, 1, "09:15");
        UUID j2 = UUID.randomUUID();
        submitted(j2, U1, MICHIGAN, "hapmap-2", 50 * MB, 1, "09:30");
        queued(j2, U1, MICHIGAN, 1, "09:31");
        started(j2, U1, MICHIGAN, 1, "09:40");
        completed(j2, U1, MICHIGAN, 1, "10:00");
        UUID j3 = UUID.randomUUID();
        submitted(j3, U2, MICHIGAN, "1000g-phase3", 500 * MB, 1, "10:10");
        queued(j3, U2, MICHIGAN, 1, "10:11");
        started(j3, U2, MICHIGAN, 1, "10:20");
        failed(j3, U2, MICHIGAN, "Out of memory", 1, "10:25");
        UUID j4 = UUID.randomUUID();
        submitted(j4, U2, NODE, "synthetic-chr20", 2048 * MB, 1, "14:00");
        queued(j4, U2, NODE, 1, "14:01");
        started(j4, U2, NODE, 1, "14:02");
        completed(j4, U2, NODE, 1, "15:02");
        UUID j5 = UUID.randomUUID();
        submitted(j5, U1, NODE, "synthetic-chr20", 5 * MB, 1, "14:30");
        failed(j5, U1, NODE, NOT_A_VCF, 1, "14:31");
        UUID j6 = UUID.randomUUID();
        submitted(j6, U2, NODE, "synthetic-chr20", 20480 * MB, 1, "15:00");
        queued(j6, U2, NODE, 1, "15:01");
        add(new JobCancelled(j6, U2, NODE, "Cancelled by its owner", at(1, "15:30")));
        submitted(j7, U1, MICHIGAN, "hapmap-2", MB, 2, "09:00");
        queued(j7, U1, MICHIGAN, 2, "09:01");
        started(j7, U1, MICHIGAN, 2, "09:02");
        UUID j8 = UUID.randomUUID();
        submitted(j8, U2, MICHIGAN, "hapmap-2", MB, 2, "10:00");
        queued(j8, U2, MICHIGAN, 2, "10:01");
        UUID j9 = UUID.randomUUID();
        submitted(j9, U2, NODE, "1000g-phase3", MB, 2, "11:00");
        queued(j9, U2, NODE, 2, "11:01");
        started(j9, U2, NODE, 2, "11:10");
        failed(j9, U2, NODE, "Out of memory\nBeagle needed 12 GB for 2,504 samples", 2, "11:20");
        // J10's events arrive backwards: the outcome first, the submission last.
        completed(j10, U1, NODE, 2, "11:40");
        started(j10, U1, NODE, 2, "11:10");
        queued(j10, U1, NODE, 2, "11:05");
        submitted(j10, U1, NODE, "synthetic-chr20", 5 * MB, 2, "11:00");
    }

    /** Every event, each in its own envelope, in the order they are published. */
    List<EventEnvelope<JobEvent>> events() {
        return List.copyOf(events);
    }

    static Instant at(int day, String time) {
        return Instant.parse("2026-03-0" + (day + 1) + "T" + time + ":00Z");
    }

    private void submitted(UUID job, UUID user, UUID service, String panel, long bytes, int day, String time) {
        add(new JobSubmitted(job, user, service, "job " + job, panel, "hg38", bytes, at(day, time)));
    }

    private void queued(UUID job, UUID user, UUID service, int day, String time) {
        add(new JobQueued(job, user, service, 1, at(day, time)));
    }

    private void started(UUID job, UUID user, UUID service, int day, String time) {
        add(new JobStarted(job, user, service, "remote-" + job, at(day, time)));
    }

    private void completed(UUID job, UUID user, UUID service, int day, String time) {
        add(new JobCompleted(job, user, service, List.of(UUID.randomUUID()), at(day, time)));
    }

    private void failed(UUID job, UUID user, UUID service, String reason, int day, String time) {
        add(new JobFailed(job, user, service, reason, at(day, time)));
    }

    private void add(JobEvent event) {
        events.add(EventEnvelope.wrap("/job-processor", event));
    }
}
