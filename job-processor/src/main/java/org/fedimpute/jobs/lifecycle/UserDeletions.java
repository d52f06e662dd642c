package org.fedimpute.jobs.lifecycle;

import java.util.List;
import java.util.UUID;
import org.fedimpute.events.UserDeleted;
import org.fedimpute.platform.events.EventHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Honours an account deletion: the user's unfinished jobs are cancelled at once, their servers are asked to cancel
 * the sent ones once that is committed (as far as the user's token is still at hand), and all their jobs are
 * anonymised, kept only as counts for the services' statistics.
 */
@Component
class UserDeletions {

    /** The owner anonymised jobs are given. */
    static final UUID NOBODY = new UUID(0, 0);

    private final JobLedger ledger;
    private final JobWork work;

    UserDeletions(JobLedger ledger, JobWork work) {
        this.ledger = ledger;
        this.work = work;
    }

    @EventHandler(consumer = "user-deletions")
    void on(UserDeleted deleted) {
        List<UUID> sent = ledger.forgetUser(deleted.userId(), NOBODY);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                sent.forEach(id -> work.cancelRemotely(id, deleted.userId(), "cancelled: the account was deleted"));
            }
        });
    }
}
