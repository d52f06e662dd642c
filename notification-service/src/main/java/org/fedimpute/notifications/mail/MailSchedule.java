package org.fedimpute.notifications.mail;

import org.fedimpute.notifications.config.NotificationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

/**
 * Runs the outbox senders ({@code mail.senders} of them) and the digest collector every {@code mail.poll-interval},
 * on every instance; the scheduler's pool ({@code spring.task.scheduling.pool.size}) must leave room for them all.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class MailSchedule {

    private static final Logger log = LoggerFactory.getLogger(MailSchedule.class);

    @Bean
    SchedulingConfigurer mailPasses(OutboxSender sender, DailyDigests digests, NotificationProperties properties) {
        return registrar -> {
            for (int i = 0; i < properties.mail().senders(); i++) {
                registrar.addFixedDelayTask(
                        () -> guarded("sending mails", sender::drain),
                        properties.mail().pollInterval());
            }
            registrar.addFixedDelayTask(
                    () -> guarded("collecting digests", digests::collect),
                    properties.mail().pollInterval());
        };
    }

    /** A pass that fails (the database away) is logged and tried again on the next tick. */
    private static void guarded(String what, Runnable pass) {
        try {
            pass.run();
        } catch (RuntimeException e) {
            log.warn("Failed {}; trying again on the next pass: {}", what, e.toString());
        }
    }
}
