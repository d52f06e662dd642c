package org.fedimpute.notifications.messaging;

import java.util.HashMap;
import java.util.Map;
import org.fedimpute.events.EventEnvelope;
import org.fedimpute.events.JobCancelled;
import org.fedimpute.events.JobCompleted;
import org.fedimpute.events.JobEvent;
import org.fedimpute.events.JobFailed;
import org.fedimpute.events.JobProgressed;
import org.fedimpute.events.JobQueued;
import org.fedimpute.events.JobStarted;
import org.fedimpute.events.JobSubmitted;
import org.fedimpute.notifications.config.NotificationProperties;
import org.fedimpute.notifications.mail.MailTemplate;
import org.fedimpute.platform.events.EventHandler;
import org.springframework.stereotype.Component;

/**
 * job-processor's events, told to the job's owner: each transition as an in-app notification and, except for
 * queueing, a mail. Progress reports are left to the live stream; storing each would bury the inbox.
 */
@Component
class JobNotices {

    private final Notices notices;
    private final KnownJobs jobs;
    private final NotificationProperties properties;

    JobNotices(Notices notices, KnownJobs jobs, NotificationProperties properties) {
        this.notices = notices;
        this.jobs = jobs;
        this.properties = properties;
    }

    @EventHandler(consumer = "job-notices")
    void on(JobEvent event, EventEnvelope<JobEvent> envelope) {
        switch (event) {
            case JobSubmitted submitted -> submitted(submitted, envelope);
            case JobQueued queued -> queued(queued, envelope);
            case JobStarted started -> started(started, envelope);
            case JobCompleted completed -> completed(completed, envelope);
            case JobFailed failed -> failed(failed, envelope);
            case JobCancelled cancelled -> cancelled(cancelled, envelope);
            case JobProgressed progressed -> {}
        }
    }

    private void submitted(JobSubmitted event, EventEnvelope<JobEvent> envelope) {
        jobs.remember(event.jobId(), event.userId(), event.jobName());
        Map<String, Object> model = model(event, event.jobName());
        model.put("referencePanel", event.referencePanel());
        model.put("build", event.build());
        model.put("inputSize", Formats.bytes(event.inputBytes()));
        tell(
                envelope,
                event,
                "Job '" + event.jobName() + "' submitted",
                "Your job was received; its input is being checked.",
                jobLink(event),
                MailTemplate.JOB_SUBMITTED,
                model);
    }

    private void queued(JobQueued event, EventEnvelope<JobEvent> envelope) {
        String name = jobs.nameOf(event.jobId());
        String position = event.queuePosition() == null ? "" : " at position " + event.queuePosition();
        tell(
                envelope,
                event,
                "Job '" + name + "' queued",
                "Your job waits for a free slot" + position + ".",
                jobLink(event),
                null,
                Map.of());
    }

    private void started(JobStarted event, EventEnvelope<JobEvent> envelope) {
        String name = jobs.nameOf(event.jobId());
        tell(
                envelope,
                event,
                "Job '" + name + "' started",
                "The imputation service started working on your job.",
                jobLink(event),
                MailTemplate.JOB_STARTED,
                model(event, name));
    }

    private void completed(JobCompleted event, EventEnvelope<JobEvent> envelope) {
        String name = jobs.nameOf(event.jobId());
        String results = jobLink(event) + "/results";
        Map<String, Object> model = model(event, name);
        model.put("resultLink", results);
        model.put("resultFiles", event.resultFileIds().size());
        model.put("retentionDays", properties.resultRetention().toDays());
        model.put("keptUntil", Formats.instant(event.occurredAt().plus(properties.resultRetention())));
        tell(
                envelope,
                event,
                "Job '" + name + "' completed",
                "Your results are ready for " + properties.resultRetention().toDays() + " days.",
                results,
                MailTemplate.JOB_COMPLETED,
                model);
    }

    private void failed(JobFailed event, EventEnvelope<JobEvent> envelope) {
        String name = jobs.nameOf(event.jobId());
        Map<String, Object> model = model(event, name);
        String reason = FailureAdvice.headline(event.reason());
        model.put("reason", reason);
        model.put("findings", FailureAdvice.findings(event.reason()));
        model.put("advice", FailureAdvice.forReason(event.reason()));
        tell(envelope, event, "Job '" + name + "' failed", reason, jobLink(event), MailTemplate.JOB_FAILED, model);
    }

    private void cancelled(JobCancelled event, EventEnvelope<JobEvent> envelope) {
        String name = jobs.nameOf(event.jobId());
        Map<String, Object> model = model(event, name);
        String reason = event.reason() == null || event.reason().isBlank() ? "No reason was given." : event.reason();
        model.put("reason", reason);
        tell(
                envelope,
                event,
                "Job '" + name + "' cancelled",
                reason,
                jobLink(event),
                MailTemplate.JOB_CANCELLED,
                model);
    }

    private Map<String, Object> model(JobEvent event, String name) {
        Map<String, Object> model = new HashMap<>();
        model.put("jobName", name);
        model.put("jobId", event.jobId().toString());
        model.put("occurredAt", Formats.instant(event.occurredAt()));
        model.put("link", jobLink(event));
        return model;
    }

    private String jobLink(JobEvent event) {
        return properties.publicUrl() + "/jobs/" + event.jobId();
    }

    private void tell(
            EventEnvelope<JobEvent> envelope,
            JobEvent event,
            String title,
            String body,
            String link,
            MailTemplate template,
            Map<String, Object> model) {
        notices.deliver(new Notice(
                envelope.id(),
                envelope.type(),
                event.userId(),
                event.occurredAt(),
                title,
                body,
                link,
                template,
                model));
    }
}
