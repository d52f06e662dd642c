package org.fedimpute.files.uploads;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.fedimpute.files.records.FileRecords;
import org.fedimpute.files.records.FileRecords.PendingFile;
import org.fedimpute.files.records.FileResponse;
import org.fedimpute.files.records.NewFile;
import org.fedimpute.files.records.ReceivedContent;
import org.fedimpute.files.storage.FileStorage;
import org.fedimpute.files.uploads.UploadMeters.UploadOutcome;
import org.fedimpute.platform.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Receives a file for every kind of upload in the same steps: open its record, stream the content into storage
 * while checksumming and holding it to its allowance, run the {@link UploadCheck}s, complete the record. A file that
 * does not get through every step leaves nothing behind, in storage or in the database.
 */
@Component
class FileIntake {

    private static final Logger log = LoggerFactory.getLogger(FileIntake.class);
    /** How often a file streaming in notes its progress on its record (see {@code finish-stale-after}). */
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(30);

    private final FileRecords records;
    private final FileStorage storage;
    private final List<UploadCheck> checks;
    private final UploadMeters meters;

    FileIntake(FileRecords records, FileStorage storage, ObjectProvider<UploadCheck> checks, UploadMeters meters) {
        this.records = records;
        this.storage = storage;
        this.checks = checks.orderedStream().toList();
        this.meters = meters;
    }

    /**
     * Opens the record of a file about to stream in; closing the reception removes everything unless it completed.
     *
     * @param field the request field the content comes in, named if it is refused
     */
    Reception open(NewFile file, String field) {
        return new Reception(records.open(file), file, field);
    }

    /** One file on its way in. */
    final class Reception implements AutoCloseable {

        private final PendingFile pending;
        private final NewFile file;
        private final String field;
        private ReceivedContent received;
        private final List<Runnable> afterCompletion = new ArrayList<>();
        private boolean completed;

        private Reception(PendingFile pending, NewFile file, String field) {
            this.pending = pending;
            this.file = file;
            this.field = field;
        }

        /** Streams the content into storage and runs the checks; refuses content beyond the allowance, or none. */
        void receive(InputStream content, UploadAllowance allowance) throws IOException {
            InputStream beating = new ProgressHeartbeat(
                    content, PROGRESS_INTERVAL, () -> records.touch(pending.id()), System::nanoTime);
            ChecksummingInputStream counted = new ChecksummingInputStream(beating, allowance.streamLimit());
            try {
                storage.write(pending.storageKey(), counted);
                received = counted.result();
            } catch (IOException | RuntimeException e) {
                if (counted.limitExceeded()) {
                    throw allowance.exceeded();
                }
                throw e;
            } finally {
                counted.release();
            }
            if (received.sizeBytes() == 0) {
                throw Problems.invalidField(field, "is empty: there is nothing to store");
            }
            ReceivedUpload upload = new ReceivedUpload(
                    pending.id(),
                    file.ownerId(),
                    file.kind(),
                    file.fileName(),
                    pending.storageKey(),
                    file.genotypeData(),
                    file.declaredBuild(),
                    received);
            for (UploadCheck check : checks) {
                Runnable after = check.check(upload);
                if (after != UploadCheck.NOTHING_MORE) {
                    afterCompletion.add(after);
                }
            }
        }

        /**
         * Completes the record.
         *
         * @param quotaBytes the owner's quota the file must fit in, or empty when it is not held to one
         */
        FileResponse complete(OptionalLong quotaBytes) {
            FileResponse stored = records.complete(pending.id(), received, quotaBytes);
            completed = true;
            meters.upload(UploadOutcome.STORED, file.kind());
            if (afterCompletion.isEmpty()) {
                return stored;
            }
            afterCompletion.forEach(Runnable::run);
            return records.current(stored);
        }

        /**
         * Removes the content and the record of a file that did not complete. If storage fails to delete the content,
         * the record stays, and retention removes both once the upload counts as abandoned.
         */
        @Override
        public void close() {
            if (completed) {
                return;
            }
            meters.upload(UploadOutcome.REFUSED, file.kind());
            try {
                storage.delete(pending.storageKey());
            } catch (IOException e) {
                log.warn("Could not delete the content of refused upload {}; retention will", pending.id(), e);
                return;
            }
            records.discard(pending.id());
        }
    }
}
