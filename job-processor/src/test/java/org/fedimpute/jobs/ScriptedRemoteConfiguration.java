package org.fedimpute.jobs;

import org.fedimpute.test.time.MovableClockConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The scripted remote server and the movable clock, in place of the real ones. */
@TestConfiguration(proxyBeanMethods = false)
@Import(MovableClockConfiguration.class)
public class ScriptedRemoteConfiguration {

    @Bean
    ScriptedRemoteServer scriptedRemoteServer() {
        return new ScriptedRemoteServer();
    }
}
