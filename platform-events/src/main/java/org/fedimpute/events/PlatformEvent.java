package org.fedimpute.events;

/** A payload that may travel in an {@link EventEnvelope}; each family belongs to one producer and one stream. */
public sealed interface PlatformEvent permits UserEvent, RegistryEvent, FileEvent, JobEvent {

    /** The envelope's subject: the id of the user, service, file or job the event is about. */
    String subject();
}
