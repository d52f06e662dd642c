package org.fedimpute.jobs.lifecycle;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
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

    /** How long to wait before running a task again that threw something unexpected (a database or peer error). */
    private static final Duration AFTER_ERROR = Duration.ofSeconds(30);

    static TaskInstance<Void> dispatch(UUID jobId) {
        return new TaskInstance<>(DISPATCH, jobId.toString());
    }

    static TaskInstance<Void> poll(UUID jobId) {
        return new TaskInstance<>(POLL, jobId.toString());
    }

    @Bean
    CustomTask<Void> jobDispatchTask(JobWork work) {
        return Tasks.custom(DISPATCH, Void.class)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(AFTER_ERROR))
                .onDeadExecutionRevive()
                .execute((instance, context) -> work.dispatch(UUID.fromString(instance.getId())));
    }

    @Bean
    CustomTask<Void> jobPollTask(JobWork work) {
        return Tasks.custom(POLL, Void.class)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(AFTER_ERROR))
                .onDeadExecutionRevive()
                .execute((instance, context) -> work.poll(UUID.fromString(instance.getId())));
    }
}
