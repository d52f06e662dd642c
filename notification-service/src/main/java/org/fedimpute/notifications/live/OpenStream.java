package org.fedimpute.notifications.live;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.fedimpute.notifications.live.StreamedNotifications.Numbered;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's connection: it remembers the last number it sent and, whenever told the user has something new,
 * sends everything numbered above it from the database, so events go out in order, once, and without gaps.
 */
final class OpenStream {

    private static final int BATCH = 200;

    private final UUID userId;
    private final SseEmitter emitter;
    private final StreamedNotifications notifications;
    private final ReentrantLock sending = new ReentrantLock();
    private final AtomicBoolean catchUpQueued = new AtomicBoolean();
    private long lastSent;

    OpenStream(UUID userId, long after, SseEmitter emitter, StreamedNotifications notifications) {
        this.userId = userId;
        this.lastSent = after;
        this.emitter = emitter;
        this.notifications = notifications;
    }

    UUID userId() {
        return userId;
    }

    SseEmitter emitter() {
        return emitter;
    }

    /** Claims the next catch-up; false when one is already queued and will see whatever is new. */
    boolean queueCatchUp() {
        return catchUpQueued.compareAndSet(false, true);
    }

    /**
     * Sends every notification numbered above the last one sent; false when the client is gone (the write failed, or
     * the emitter completed before its callback took the stream off the registry).
     */
    boolean catchUp() {
        catchUpQueued.set(false);
        sending.lock();
        try {
            List<Numbered> batch;
            do {
                batch = notifications.after(userId, lastSent, BATCH);
                for (Numbered next : batch) {
                    emitter.send(SseEmitter.event()
                            .id(Long.toString(next.seq()))
                            .name(next.view().eventType())
                            .data(next.view(), MediaType.APPLICATION_JSON));
                    lastSent = next.seq();
                }
            } while (batch.size() == BATCH);
            return true;
        } catch (IOException | IllegalStateException e) {
            return false;
        } finally {
            sending.unlock();
        }
    }

    /** Sends a comment line; false when the client is gone. */
    boolean heartbeat() {
        sending.lock();
        try {
            emitter.send(SseEmitter.event().comment("heartbeat"));
            return true;
        } catch (IOException | IllegalStateException e) {
            return false;
        } finally {
            sending.unlock();
        }
    }
}
