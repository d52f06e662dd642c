package org.fedimpute.jobs.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.fedimpute.jobs.JobsApiTest;
import org.fedimpute.jobs.ScriptedRemoteServer;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A job is sent to its server as soon as its submission is committed, not at db-scheduler's next poll: here that
 * poll is ten minutes away, so only the wake-up after the commit can send it in time.
 */
@TestPropertySource(properties = "db-scheduler.polling-interval=10m")
class ImmediateDispatchTests extends JobsApiTest {

    @Test
    void anAcceptedJobIsSentWithoutWaitingForTheNextPoll() {
        UUID user = UUID.randomUUID();
        String name = unique("prompt");
        ScriptedRemoteServer.Script script = remote.script(name);

        submitReadyJob(user, researcher(user), name);

        await().atMost(Duration.ofSeconds(20)).until(() -> script.submissions.get() >= 1);
        assertThat(script.submissions.get()).isEqualTo(1);
    }
}
