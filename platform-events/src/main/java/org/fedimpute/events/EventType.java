package org.fedimpute.events;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalogue of event types: the CloudEvents {@code type} name, the payload record and the stream of each, so
 * that producers and consumers agree on all three from one place.
 */
public enum EventType {
    USER_REGISTERED("user.registered", UserRegistered.class, EventStream.USERS),
    USER_PASSWORD_RESET_REQUESTED("user.password-reset-requested", PasswordResetRequested.class, EventStream.USERS),
    USER_DELETED("user.deleted", UserDeleted.class, EventStream.USERS),
    SERVICE_HEALTH_CHANGED("service.health-changed", ServiceHealthChanged.class, EventStream.REGISTRY),
    PANEL_SYNCED("panel.synced", PanelSynced.class, EventStream.REGISTRY),
    FILE_UPLOADED("file.uploaded", FileUploaded.class, EventStream.FILES),
    FILE_VALIDATED("file.validated", FileValidated.class, EventStream.FILES),
    FILE_EXPIRY_WARNED("file.expiry-warned", FileExpiryWarned.class, EventStream.FILES),
    JOB_SUBMITTED("job.submitted", JobSubmitted.class, EventStream.JOBS),
    JOB_QUEUED("job.queued", JobQueued.class, EventStream.JOBS),
    JOB_STARTED("job.started", JobStarted.class, EventStream.JOBS),
    JOB_PROGRESSED("job.progressed", JobProgressed.class, EventStream.JOBS),
    JOB_COMPLETED("job.completed", JobCompleted.class, EventStream.JOBS),
    JOB_FAILED("job.failed", JobFailed.class, EventStream.JOBS),
    JOB_CANCELLED("job.cancelled", JobCancelled.class, EventStream.JOBS);

    private static final Map<String, EventType> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::typeName, Function.identity()));
    private static final Map<Class<?>, EventType> BY_PAYLOAD =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::payloadType, Function.identity()));

    private final String typeName;
    private final Class<? extends PlatformEvent> payloadType;
    private final EventStream stream;

    EventType(String typeName, Class<? extends PlatformEvent> payloadType, EventStream stream) {
        this.typeName = typeName;
        this.payloadType = payloadType;
        this.stream = stream;
    }

    /** The CloudEvents {@code type} attribute, such as {@code job.completed}. */
    public String typeName() {
        return typeName;
    }

    /** The record the envelope's {@code data} holds. */
    public Class<? extends PlatformEvent> payloadType() {
        return payloadType;
    }

    /** The stream events of this type are appended to. */
    public EventStream stream() {
        return stream;
    }

    public static EventType fromTypeName(String typeName) {
        EventType type = BY_NAME.get(typeName);
        if (type == null) {
            throw new IllegalArgumentException("Unknown event type '" + typeName + "'");
        }
        return type;
    }

    /**
     * Whether this catalogue names the type. A type it does not name was published by a newer version of the platform
     * than the one reading it.
     */
    public static boolean isCatalogued(String typeName) {
        return BY_NAME.containsKey(typeName);
    }

    public static EventType of(PlatformEvent event) {
        return BY_PAYLOAD.get(event.getClass());
    }
}
