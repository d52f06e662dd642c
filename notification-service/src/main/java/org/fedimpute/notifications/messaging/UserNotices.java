package org.fedimpute.notifications.messaging;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.fedimpute.events.EventEnvelope;
import org.fedimpute.events.PasswordResetRequested;
import org.fedimpute.events.UserDeleted;
import org.fedimpute.events.UserEvent;
import org.fedimpute.events.UserRegistered;
import org.fedimpute.notifications.config.NotificationProperties;
import org.fedimpute.notifications.contacts.UserContacts;
import org.fedimpute.notifications.inapp.InAppNotifications;
import org.fedimpute.notifications.mail.MailOutbox;
import org.fedimpute.notifications.mail.MailTemplate;
import org.fedimpute.notifications.mail.QueuedMail;
import org.fedimpute.notifications.preferences.DeliveryPreferences;
import org.fedimpute.platform.events.EventHandler;
import org.springframework.stereotype.Component;

/**
 * user-service's events: the welcome mail, the password-reset mail (to the account's own address only, never kept
 * in the app), and forgetting everything held about a deleted account.
 */
@Component
class UserNotices {

    private final Notices notices;
    private final MailOutbox mail;
    private final InAppNotifications inApp;
    private final DeliveryPreferences preferences;
    private final UserContacts contacts;
    private final KnownJobs jobs;
    private final ForgottenUsers forgotten;
    private final NotificationProperties properties;

    UserNotices(
            Notices notices,
            MailOutbox mail,
            InAppNotifications inApp,
            DeliveryPreferences preferences,
            UserContacts contacts,
            KnownJobs jobs,
            ForgottenUsers forgotten,
            NotificationProperties properties) {
        this.notices = notices;
        this.mail = mail;
        this.inApp = inApp;
        this.preferences = preferences;
        this.contacts = contacts;
        this.jobs = jobs;
        this.forgotten = forgotten;
        this.properties = properties;
    }

    @EventHandler(consumer = "user-notices")
    void on(UserEvent event, EventEnvelope<UserEvent> envelope) {
        switch (event) {
            case UserRegistered registered -> welcome(registered, envelope);
            case PasswordResetRequested reset -> passwordReset(reset, envelope);
            case UserDeleted deleted -> forget(deleted);
        }
    }

    private void welcome(UserRegistered registered, EventEnvelope<UserEvent> envelope) {
        String link = properties.publicUrl() + "/";
        notices.deliver(new Notice(
                envelope.id(),
                envelope.type(),
                registered.userId(),
                registered.registeredAt(),
                "Welcome to FedImpute",
                "Your account is ready: upload genotypes and submit your first imputation job.",
                link,
                MailTemplate.WELCOME,
                Map.of("link", link)));
    }

    private void passwordReset(PasswordResetRequested reset, EventEnvelope<UserEvent> envelope) {
        String link = properties.publicUrl() + "/reset-password?token="
                + URLEncoder.encode(reset.resetToken(), StandardCharsets.UTF_8);
        mail.queue(new QueuedMail(
                envelope.id(),
                MailTemplate.PASSWORD_RESET,
                reset.userId(),
                null,
                "Reset your FedImpute password",
                "A password reset was requested.",
                Map.of("resetLink", link, "expiresAt", Formats.instant(reset.expiresAt())),
                envelope.time()));
    }

    private void forget(UserDeleted deleted) {
        forgotten.remember(deleted.userId());
        inApp.forget(deleted.userId());
        mail.forget(deleted.userId());
        preferences.forget(deleted.userId());
        jobs.forget(deleted.userId());
        contacts.forget(deleted.userId());
    }
}
