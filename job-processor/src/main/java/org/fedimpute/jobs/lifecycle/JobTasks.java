package org.fedimpute.jobs.lifecycle;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The two durable tasks of a job on db-scheduler, one instance per job named by the job's id: dispatch sends it,
 * poll follows it on the server. db-scheduler's row locking lets only one instance of job-processor run a given
 * job's task at a time, and revives the task of an instance that died while running it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LifecycleProperties.class)
class JobTasks {

    static final String DISPATCH = "job-dispatch";
    static final String POLL = "job-poll";

    static TaskInstance<Void> dispatch(UUID jobId) {
        return new TaskInstance<>(DISPATCH, jobId.toString());
    }

    static TaskInstance<Void> poll(UUID jobId) {
        return new TaskInstance<>(POLL, jobId.toString());
    }

    @Bean
    CustomTask<Void> jobDispatchTask(JobWork work, LifecycleProperties properties) {
        return Tasks.custom(DISPATCH, Void.class)
                .onFailure(retryThenFail(work, properties))
                .onDeadExecutionRevive()
                .execute((instance, context) -> work.dispatch(UUID.fromString(instance.getId())));
    }

    @Bean
    CustomTask<Void> jobPollTask(JobWork work, LifecycleProperties properties) {
        return Tasks.custom(POLL, Void.class)
                .onFailure(retryThenFail(work, properties))
                .onDeadExecutionRevive()
                .execute((instance, context) -> work.poll(UUID.fromString(instance.getId())));
    }

    /**
     * Runs a task that threw something unexpected (the database away, a bug) again after {@code
     * unexpected-error-retry}; once it has thrown {@code unexpected-errors-before-failing} times in a row, fails its job
     * saying so, so that no job stays unfinished without anyone being told. While the job cannot be failed either (the
     * database is still away), the task is tried again.
     */
    private static FailureHandler<Void> retryThenFail(JobWork work, LifecycleProperties properties) {
        return (complete, operations) -> {
            int inARow = complete.getExecution().consecutiveFailures + 1;
            UUID jobId = UUID.fromString(complete.getExecution().taskInstance.getId());
            if (inARow >= properties.unexpectedErrorsBeforeFailing()
                    && work.failAfterErrors(jobId, inARow, complete.getCause().orElse(null))) {
                operations.remove();
                return;
            }
            operations.reschedule(complete, complete.getTimeDone().plus(properties.unexpectedErrorRetry()));
        };
    }
}
