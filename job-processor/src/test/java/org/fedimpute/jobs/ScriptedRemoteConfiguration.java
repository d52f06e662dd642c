package org.fedimpute.jobs;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The scripted remote server and the movable clock, in place of the real ones. */
@TestConfiguration(proxyBeanMethods = false)
public class ScriptedRemoteConfiguration {

    @Bean
    ScriptedRemoteServer scriptedRemoteServer() {
        return new ScriptedRemoteServer();
    }

    @Bean
    @Primary
    MutableClock testClock() {
        return new MutableClock();
    }
}
