package org.fedimpute.monitoring.storage;

import java.time.Clock;
import java.time.Instant;
import org.fedimpute.monitoring.config.MonitoringProperties;
import org.fedimpute.monitoring.config.PlatformPeers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * How many bytes the platform's stored files take, as file-manager counts them ({@code GET /internal/storage}, with
 * this service's token). An answer is reused for {@code storage-cache-ttl}; while file-manager cannot be asked the last
 * answer stands, and before any answer the amount is unknown ({@code null}).
 */
@Component
public class StorageUsage {

    private static final Logger log = LoggerFactory.getLogger(StorageUsage.class);

    private final PlatformPeers peers;
    private final MonitoringProperties properties;
    private final Clock clock;
    private volatile Known known;
    private volatile boolean failing;

    StorageUsage(PlatformPeers peers, MonitoringProperties properties, Clock clock) {
        this.peers = peers;
        this.properties = properties;
        this.clock = clock;
    }

    /** The bytes in storage, or {@code null} when file-manager has not been reached yet. */
    public Long usedBytes() {
        Known last = known;
        Instant now = clock.instant();
        if (last != null && last.askedAt().plus(properties.storageCacheTtl()).isAfter(now)) {
            return last.usedBytes();
        }
        try {
            FileManagerStorage answer =
                    peers.files().get().uri("/internal/storage").retrieve().body(FileManagerStorage.class);
            if (answer == null) {
                throw new IllegalStateException("file-manager answered no storage figures");
            }
            known = new Known(answer.storedBytes(), now);
            if (failing) {
                failing = false;
                log.info("file-manager answers about storage again");
            }
            return answer.storedBytes();
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                log.warn("Cannot ask file-manager for the storage in use; the last answer stands: {}", e.toString());
            }
            // Ask again after the TTL rather than on every overview while file-manager is away.
            known = new Known(last == null ? null : last.usedBytes(), now);
            return known.usedBytes();
        }
    }

    /** file-manager's answer. */
    record FileManagerStorage(long storedBytes, long storedFiles) {}

    private record Known(Long usedBytes, Instant askedAt) {}
}
