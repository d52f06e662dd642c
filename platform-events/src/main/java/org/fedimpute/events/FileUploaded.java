package org.fedimpute.events;

import java.time.Instant;
import java.util.UUID;

/** A file was stored completely and its checksum is known. */
public record FileUploaded(
        UUID fileId, UUID ownerId, String fileName, long sizeBytes, String sha256, Instant uploadedAt)
        implements FileEvent {}
