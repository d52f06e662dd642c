package org.fedimpute.events;

import java.time.Instant;
import java.util.UUID;

/** A researcher created an account; notification-service sends the welcome mail. */
public record UserRegistered(UUID userId, String displayName, Instant registeredAt) implements UserEvent {}
