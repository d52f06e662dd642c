package org.fedimpute.files.uploads;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.fedimpute.files.storage.FileStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes a small probe through storage (and its encryption, when that is on), reads its size back and removes it:
 * whether a file sent now would be stored. job-processor asks before it fetches a result again after storing it
 * failed, so that a storage outage spends none of the remote server's download budget.
 */
@Component
class StorageProbe {

    private static final Logger log = LoggerFactory.getLogger(StorageProbe.class);
    private static final int PROBE_BYTES = 64 * 1024;

    private final FileStorage storage;

    StorageProbe(FileStorage storage) {
        this.storage = storage;
    }

    /** Whether storage took the probe whole and gave its size back. */
    boolean storageTakesFiles() {
        String key = "probe-" + UUID.randomUUID();
        byte[] probe = new byte[PROBE_BYTES];
        ThreadLocalRandom.current().nextBytes(probe);
        try {
            long written = storage.write(key, new ByteArrayInputStream(probe));
            long size = storage.size(key);
            if (written == PROBE_BYTES && size == PROBE_BYTES) {
                return true;
            }
            log.warn("Storage probe: wrote {} and read back a size of {} of {} bytes", written, size, PROBE_BYTES);
            return false;
        } catch (IOException | RuntimeException e) {
            log.warn("Storage probe failed: {}", e.toString());
            return false;
        } finally {
            try {
                storage.delete(key);
            } catch (IOException | RuntimeException e) {
                log.warn("Storage probe {} could not be removed: {}", key, e.toString());
            }
        }
    }
}
