package org.fedimpute.notifications.messaging;

import java.util.Map;
import org.fedimpute.events.EventEnvelope;
import org.fedimpute.events.FileExpiryWarned;
import org.fedimpute.notifications.config.NotificationProperties;
import org.fedimpute.notifications.mail.MailTemplate;
import org.fedimpute.platform.events.EventHandler;
import org.springframework.stereotype.Component;

/** file-manager's warning that retention is about to delete a stored file, told to its owner. */
@Component
class FileNotices {

    private final Notices notices;
    private final NotificationProperties properties;

    FileNotices(Notices notices, NotificationProperties properties) {
        this.notices = notices;
        this.properties = properties;
    }

    @EventHandler(consumer = "file-notices")
    void on(FileExpiryWarned event, EventEnvelope<FileExpiryWarned> envelope) {
        String link = properties.publicUrl() + "/files/" + event.fileId();
        String expiresAt = Formats.instant(event.expiresAt());
        notices.deliver(new Notice(
                envelope.id(),
                envelope.type(),
                event.ownerId(),
                envelope.time(),
                "'" + event.fileName() + "' will be deleted on " + expiresAt,
                "Download it before then if you still need it.",
                link,
                MailTemplate.STORAGE_EXPIRY,
                Map.of("fileName", event.fileName(), "expiresAt", expiresAt, "link", link)));
    }
}
