package org.fedimpute.events;

import java.util.UUID;

/** Events published by user-service about accounts. */
public sealed interface UserEvent extends PlatformEvent permits UserRegistered, PasswordResetRequested, UserDeleted {

    UUID userId();

    @Override
    default String subject() {
        return userId().toString();
    }
}
