package org.fedimpute.node.runs;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The durable queue of runs on db-scheduler, one task instance per run named by its id: the scheduler's threads
 * ({@code fedimpute.node.runs.concurrent}) bound how many runs work at once, and its row locks let a run be worked
 * once however often it is scheduled.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RunProperties.class)
class RunQueue {

    static final String TASK = "wes-run";

    /** How long to wait before trying a run again whose execution threw (the database was away). */
    private static final Duration AFTER_ERROR = Duration.ofSeconds(30);

    static TaskInstance<Void> instance(UUID runId) {
        return new TaskInstance<>(TASK, runId.toString());
    }

    @Bean
    OneTimeTask<Void> wesRunTask(RunExecutor executor) {
        // A one-time task: revived when the process running it dies, removed when it completes.
        return Tasks.oneTime(TASK, Void.class)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(AFTER_ERROR))
                .execute((instance, context) -> executor.execute(UUID.fromString(instance.getId())));
    }
}
