package org.fedimpute.events;

import java.time.Instant;
import java.util.UUID;

/** An account was deleted at its owner's request; every service deletes or anonymises what it holds of the user. */
public record UserDeleted(UUID userId, Instant deletedAt) implements UserEvent {}
