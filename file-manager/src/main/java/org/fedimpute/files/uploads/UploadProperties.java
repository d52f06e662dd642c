package org.fedimpute.files.uploads;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where resumable uploads gather their parts, and how long an unfinished one is kept.
 *
 * @param tusDirectory where the tus library keeps uploads until they complete; by default under the system's
 *     temporary directory
 * @param tusExpiry how long an unfinished resumable upload may stay idle before it is deleted
 * @param cleanupInterval how often idle unfinished uploads are looked for
 * @param finishStaleAfter how long a request storing a completed resumable upload may go without progress (it notes
 *     some every 30 s while it reads) before another request takes the upload over, as from a request that died
 */
@ConfigurationProperties("fedimpute.files.uploads")
record UploadProperties(
        Path tusDirectory,
        @DefaultValue("1d") Duration tusExpiry,
        @DefaultValue("1h") Duration cleanupInterval,
        @DefaultValue("10m") Duration finishStaleAfter) {

    UploadProperties {
        if (tusDirectory == null) {
            tusDirectory = Path.of(System.getProperty("java.io.tmpdir"), "fedimpute-files", "tus");
        }
    }
}
