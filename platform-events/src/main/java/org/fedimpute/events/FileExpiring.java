package org.fedimpute.events;

import java.time.Instant;
import java.util.UUID;

/** A stored file will be deleted by retention at {@code expiresAt}; its owner is told once, ahead of time. */
public record FileExpiring(UUID fileId, UUID ownerId, String fileName, Instant expiresAt) implements FileEvent {}
