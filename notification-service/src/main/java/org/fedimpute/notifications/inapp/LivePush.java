package org.fedimpute.notifications.inapp;

import java.util.UUID;

/**
 * The seam for live delivery (Server-Sent Events, fanned out over Redis pub/sub): every bean of this type is told
 * of each new in-app notification after its transaction committed, exactly once per notification (a redelivered
 * event creates none). Without such a bean nothing is pushed; clients then see new notifications when they list.
 * Implementations must return quickly and not throw: a push is best-effort, the stored notification is the record.
 */
public interface LivePush {

    void created(UUID userId, NotificationView notification);
}
