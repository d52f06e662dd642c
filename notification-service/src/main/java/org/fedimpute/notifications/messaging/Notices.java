package org.fedimpute.notifications.messaging;

import org.fedimpute.notifications.inapp.InAppNotifications;
import org.fedimpute.notifications.inapp.NewNotification;
import org.fedimpute.notifications.mail.MailOutbox;
import org.fedimpute.notifications.mail.QueuedMail;
import org.fedimpute.notifications.preferences.Channels;
import org.fedimpute.notifications.preferences.DeliveryPreferences;
import org.springframework.stereotype.Component;

/**
 * Delivers a notice through the channels its recipient wants: the in-app store and the mail outbox; to a deleted
 * account, nothing.
 */
@Component
class Notices {

    private final DeliveryPreferences preferences;
    private final InAppNotifications inApp;
    private final MailOutbox mail;
    private final ForgottenUsers forgotten;

    Notices(DeliveryPreferences preferences, InAppNotifications inApp, MailOutbox mail, ForgottenUsers forgotten) {
        this.preferences = preferences;
        this.inApp = inApp;
        this.mail = mail;
        this.forgotten = forgotten;
    }

    /** Honours the user's channel choices for the event types they may tune; other notices use both channels. */
    void deliver(Notice notice) {
        if (notice.userId() != null && forgotten.isForgotten(notice.userId())) {
            return;
        }
        Channels channels = DeliveryPreferences.TUNABLE_EVENT_TYPES.contains(notice.eventType())
                ? preferences.channelsFor(notice.userId(), notice.eventType())
                : new Channels(true, true);
        if (channels.inApp()) {
            inApp.create(new NewNotification(
                    notice.eventId(),
                    notice.userId(),
                    notice.eventType(),
                    notice.title(),
                    notice.body(),
                    notice.link(),
                    notice.occurredAt()));
        }
        if (channels.email() && notice.template() != null) {
            mail.queue(new QueuedMail(
                    notice.eventId(),
                    notice.template(),
                    notice.userId(),
                    null,
                    notice.title(),
                    notice.body(),
                    notice.model(),
                    notice.occurredAt()));
        }
    }
}
