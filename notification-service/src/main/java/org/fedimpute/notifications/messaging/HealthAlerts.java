package org.fedimpute.notifications.messaging;

import java.util.Map;
import org.fedimpute.events.EventEnvelope;
import org.fedimpute.events.ServiceHealth;
import org.fedimpute.events.ServiceHealthChanged;
import org.fedimpute.notifications.config.NotificationProperties;
import org.fedimpute.notifications.mail.MailOutbox;
import org.fedimpute.notifications.mail.MailTemplate;
import org.fedimpute.notifications.mail.QueuedMail;
import org.fedimpute.platform.events.EventHandler;
import org.springframework.stereotype.Component;

/** Mails each configured admin address when an imputation service goes down (not when it recovers). */
@Component
class HealthAlerts {

    private final MailOutbox mail;
    private final NotificationProperties properties;

    HealthAlerts(MailOutbox mail, NotificationProperties properties) {
        this.mail = mail;
        this.properties = properties;
    }

    @EventHandler(consumer = "health-alerts")
    void on(ServiceHealthChanged event, EventEnvelope<ServiceHealthChanged> envelope) {
        if (event.current() != ServiceHealth.UNHEALTHY || event.previous() == ServiceHealth.UNHEALTHY) {
            return;
        }
        Map<String, Object> model = Map.of(
                "serviceSlug", event.serviceSlug(),
                "previous", String.valueOf(event.previous()),
                "error", event.error() == null ? "no error was reported" : event.error(),
                "checkedAt", Formats.instant(event.checkedAt()),
                "link", properties.publicUrl() + "/admin/services/" + event.serviceSlug());
        for (String admin : properties.adminEmails()) {
            mail.queue(new QueuedMail(
                    envelope.id(),
                    MailTemplate.SERVICE_DOWN,
                    null,
                    admin,
                    "Service '" + event.serviceSlug() + "' is down",
                    "The registry's probes find " + event.serviceSlug() + " unhealthy.",
                    model,
                    event.checkedAt()));
        }
    }
}
