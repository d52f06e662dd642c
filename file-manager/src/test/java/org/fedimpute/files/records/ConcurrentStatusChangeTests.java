package org.fedimpute.files.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Consumer;
import org.fedimpute.files.FileApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A request holding a record as it was before another one changed its status in bulk (released a stale upload, or
 * retention marked it) fails its version check, and the record keeps the other's status.
 */
class ConcurrentStatusChangeTests extends FileApiTestSupport {

    private static final ReceivedContent CONTENT = new ReceivedContent(10, "a".repeat(64), "b".repeat(32));

    @Autowired
    private FileRecords records;

    @Autowired
    private StoredFileRepository files;

    @Autowired
    private PlatformTransactionManager transactionManager;

    private final UUID owner = UUID.randomUUID();

    @Test
    void anUploadReleasedAsStaleCannotBeCompletedByTheRequestThatLoadedItBefore() {
        String uploadId = UUID.randomUUID().toString();
        UUID id = open(uploadId);
        clock.advance(Duration.ofMinutes(30));

        assertThatThrownBy(() -> changeAfter(
                        id,
                        FileStatus.UPLOADING,
                        () -> assertThat(records.releaseStaleFinish(uploadId, owner, Duration.ofMinutes(10)))
                                .isTrue(),
                        loaded -> loaded.store(CONTENT, clock.instant())))
                .isInstanceOf(ConcurrencyFailureException.class);
        assertThat(status(id)).isEqualTo("DELETING");
    }

    @Test
    void anUploadRetentionGaveUpCannotBeCompletedByTheRequestThatLoadedItBefore() {
        UUID id = open(null);
        clock.advance(Duration.ofDays(2));

        assertThatThrownBy(() -> changeAfter(
                        id,
                        FileStatus.UPLOADING,
                        () -> records.markExpired(clock.instant().minus(Duration.ofDays(1))),
                        loaded -> loaded.store(CONTENT, clock.instant())))
                .isInstanceOf(ConcurrencyFailureException.class);
        assertThat(status(id)).isEqualTo("DELETING");
    }

    @Test
    void anExpiredFileIsNotBroughtBackByARequestThatLoadedItBefore() {
        UUID id = open(null);
        records.complete(id, CONTENT, OptionalLong.empty());
        jdbc.update("UPDATE files.stored_file SET expires_at = now() - interval '1 minute' WHERE id = ?", id);

        assertThatThrownBy(() -> changeAfter(
                        id,
                        FileStatus.STORED,
                        () -> records.markExpired(clock.instant().minus(Duration.ofDays(1))),
                        loaded -> loaded.warnedOfExpiry(clock.instant())))
                .isInstanceOf(ConcurrencyFailureException.class);
        assertThat(status(id)).isEqualTo("DELETING");
    }

    private UUID open(String uploadId) {
        return records.open(new NewFile(
                        owner,
                        null,
                        FileKind.INPUT,
                        "a.vcf",
                        "text/plain",
                        false,
                        null,
                        null,
                        uploadId,
                        Duration.ofDays(30)))
                .id();
    }

    /**
     * Loads the record in one transaction, lets {@code otherRequest} run and commit in a transaction of its own, then
     * changes the loaded record and commits, as a request that read the record just before the other one would.
     */
    private void changeAfter(UUID id, FileStatus loadedAs, Runnable otherRequest, Consumer<StoredFile> change) {
        TransactionTemplate other = new TransactionTemplate(transactionManager);
        other.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        new TransactionTemplate(transactionManager).executeWithoutResult(transaction -> {
            StoredFile loaded = files.findByIdAndStatus(id, loadedAs).orElseThrow();
            other.executeWithoutResult(otherTransaction -> otherRequest.run());
            change.accept(loaded);
        });
    }

    private String status(UUID id) {
        return jdbc.queryForObject("SELECT status FROM files.stored_file WHERE id = ?", String.class, id);
    }
}
