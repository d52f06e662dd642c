package org.fedimpute.registry.sync;

/** What started a sync: an admin's request or the daily schedule. */
enum SyncTrigger {
    MANUAL,
    SCHEDULED
}
