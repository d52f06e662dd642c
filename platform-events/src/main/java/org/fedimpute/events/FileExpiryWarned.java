package org.fedimpute.events;

import java.time.Instant;
import java.util.UUID;

/** Its owner was warned, once and ahead of time, that retention deletes a stored file at {@code expiresAt}. */
public record FileExpiryWarned(UUID fileId, UUID ownerId, String fileName, Instant expiresAt) implements FileEvent {}
