package org.fedimpute.notifications.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What notification-service needs to know about the platform and its mail: where links point, who the admins are,
 * how long results are kept, and the pace of the mail sender.
 *
 * @param publicUrl the address researchers use (the gateway's or the web UI's); every link in a notice starts here
 * @param from the sender address of every mail
 * @param adminEmails who gets the alerts when an imputation service goes down
 * @param resultRetention how long job results are kept, as told in the job-completed mail
 * @param usersUrl user-service's root, for recipients' contact details
 * @param contactCacheTtl how long a recipient's contact details are reused before asking user-service again
 * @param digestHour the hour of the day (0-23, in the user's time zone) the daily digest goes out
 * @param mail the sender's pace and retries
 */
@ConfigurationProperties("fedimpute.notifications")
public record NotificationProperties(
        @DefaultValue("http://localhost:8000") String publicUrl,

        @DefaultValue("FedImpute <no-reply@fedimpute.local>")
        String from,

        @DefaultValue List<String> adminEmails,
        @DefaultValue("7d") Duration resultRetention,
        @DefaultValue("http://localhost:8001") String usersUrl,
        @DefaultValue("5m") Duration contactCacheTtl,
        @DefaultValue("8") int digestHour,
        @DefaultValue Mail mail) {

    public NotificationProperties {
        publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        adminEmails = List.copyOf(adminEmails);
        if (digestHour < 0 || digestHour > 23) {
            throw new IllegalArgumentException("fedimpute.notifications.digest-hour must be 0-23");
        }
    }

    /**
     * How the mail outbox is drained.
     *
     * @param pollInterval the pause between passes of the sender and of the digest collector
     * @param batchSize how many mails one pass sends over one SMTP connection
     * @param senders how many passes send at once on each instance (each takes its own rows and its own connection),
     *     so that one batch is rendered while another is on the wire
     * @param maxAttempts after this many failed attempts a mail is given up (state FAILED)
     * @param firstRetry the wait after the first failure; each further failure doubles it
     * @param maxRetry the longest wait between two attempts
     */
    public record Mail(
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("100") int batchSize,
            @DefaultValue("2") int senders,
            @DefaultValue("10") int maxAttempts,
            @DefaultValue("30s") Duration firstRetry,
            @DefaultValue("30m") Duration maxRetry) {

        public Mail {
            if (batchSize < 1 || senders < 1 || maxAttempts < 1) {
                throw new IllegalArgumentException(
                        "fedimpute.notifications.mail.batch-size, senders and max-attempts must be >= 1");
            }
        }

        /** The wait after the given number of failed attempts: doubling from the first retry, capped. */
        public Duration backoffAfter(int attempts) {
            Duration wait = firstRetry;
            for (int i = 1; i < attempts && wait.compareTo(maxRetry) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
        }
    }
}
