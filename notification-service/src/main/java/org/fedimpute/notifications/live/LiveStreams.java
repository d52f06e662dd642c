package org.fedimpute.notifications.live;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * This instance's open streams by user: opens them (live first, then the replay), wakes a user's streams when a new
 * notification is announced, sends heartbeats, and forgets a stream once it completed, timed out or failed. When the
 * instance shuts down it ends every stream first: clients are always connected, so a graceful shutdown would
 * otherwise wait for them until its timeout and then cut them; ended, they reconnect to another instance and resume.
 */
@Component
class LiveStreams implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);

    private final Map<UUID, Set<OpenStream>> byUser = new ConcurrentHashMap<>();
    private final ExecutorService sender = Executors.newVirtualThreadPerTaskExecutor();
    private final StreamedNotifications notifications;
    private final LiveProperties properties;
    private volatile boolean closing;

    LiveStreams(StreamedNotifications notifications, LiveProperties properties, MeterRegistry meters) {
        this.notifications = notifications;
        this.properties = properties;
        Gauge.builder("fedimpute.notifications.streams.open", this, LiveStreams::open)
                .description("Server-Sent Events streams open on this instance")
                .register(meters);
    }

    /**
     * Opens a stream of the user's notifications numbered above {@code lastEventId}, or, without one, of those
     * created from now on. The stream is registered for live wake-ups before the replay runs, and both send only
     * what is above the last number sent, so nothing is missed or sent twice.
     */
    SseEmitter open(UUID userId, Long lastEventId) {
        long after = lastEventId != null ? lastEventId : notifications.latest(userId);
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        OpenStream stream = new OpenStream(userId, after, emitter, notifications);
        emitter.onCompletion(() -> forget(stream));
        emitter.onTimeout(() -> {
            forget(stream);
            emitter.complete();
        });
        emitter.onError(error -> forget(stream));
        try {
            emitter.send(SseEmitter.event().reconnectTime(properties.reconnect().toMillis()));
        } catch (IOException e) {
            emitter.completeWithError(e);
            return emitter;
        }
        byUser.compute(userId, (user, streams) -> {
            Set<OpenStream> registered = streams != null ? streams : ConcurrentHashMap.newKeySet();
            registered.add(stream);
            return registered;
        });
        if (closing) {
            forget(stream);
            emitter.complete();
            return emitter;
        }
        wake(stream);
        return emitter;
    }

    /** A new notification of the user was announced: each of the user's streams here catches up. */
    void announced(UUID userId) {
        Set<OpenStream> streams = byUser.get(userId);
        if (streams != null) {
            streams.forEach(this::wake);
        }
    }

    /** Sends a comment line on every open stream. */
    void heartbeat() {
        byUser.values().forEach(streams -> streams.forEach(stream -> sendOrDrop(stream, OpenStream::heartbeat)));
    }

    int open() {
        return byUser.values().stream().mapToInt(Set::size).sum();
    }

    private void wake(OpenStream stream) {
        if (stream.queueCatchUp()) {
            sendOrDrop(stream, OpenStream::catchUp);
        }
    }

    private void sendOrDrop(OpenStream stream, Predicate<OpenStream> send) {
        sender.execute(() -> {
            try {
                if (!send.test(stream)) {
                    forget(stream);
                    stream.emitter().complete();
                }
            } catch (RuntimeException e) {
                log.warn("Live stream of user {} failed; the client reconnects and resumes", stream.userId(), e);
                forget(stream);
                stream.emitter().completeWithError(e);
            }
        });
    }

    private void forget(OpenStream stream) {
        byUser.computeIfPresent(stream.userId(), (user, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
    }

    /**
     * The instance is shutting down (published before its web server stops taking and finishing requests): every
     * stream ends, and one opened from now on ends once registered.
     */
    @EventListener(ContextClosedEvent.class)
    void shuttingDown() {
        closing = true;
        byUser.values()
                .forEach(streams -> streams.forEach(stream -> {
                    forget(stream);
                    stream.emitter().complete();
                }));
    }

    /** After {@link #shuttingDown()}, which the context's close always publishes first: no stream is left. */
    @Override
    public void destroy() {
        sender.shutdownNow();
    }
}
