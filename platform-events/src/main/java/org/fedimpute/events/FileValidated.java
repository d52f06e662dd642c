package org.fedimpute.events;

import java.time.Instant;
import java.util.UUID;

/** A genotype file's validation finished; the full report stays with file-manager. */
public record FileValidated(
        UUID fileId, UUID ownerId, boolean valid, int errorCount, int warningCount, Instant validatedAt)
        implements FileEvent {}
