package org.fedimpute.files.records;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.fedimpute.files.records.FileRecords.PendingFile;
import org.fedimpute.files.storage.FileStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Removes files in two steps that survive a failure between them: the record is first marked for deletion (hidden
 * from everyone at once), then the content leaves storage, then the record goes. A storage failure leaves the marked
 * record behind, and retention tries again.
 */
@Component
public class FileRemoval {

    private static final Logger log = LoggerFactory.getLogger(FileRemoval.class);

    private final FileRecords records;
    private final FileStorage storage;

    FileRemoval(FileRecords records, FileStorage storage) {
        this.records = records;
        this.storage = storage;
    }

    /** Removes a file the caller may see; another user's file is not found. */
    public void remove(UUID id, Caller caller) {
        purge(records.markForDeletion(id, caller));
    }

    /**
     * Deletes the content and records of files marked for deletion.
     *
     * @return how many were removed; those whose content storage could not delete stay for the next pass
     */
    public int purgeMarked(int batchSize) {
        List<PendingFile> marked = records.awaitingDeletion(batchSize);
        return (int) marked.stream().filter(this::purge).count();
    }

    private boolean purge(PendingFile file) {
        try {
            storage.delete(file.storageKey());
        } catch (IOException e) {
            log.warn("Could not delete the content of file {} from storage; will try again", file.id(), e);
            return false;
        }
        records.forget(file.id());
        return true;
    }
}
