package org.fedimpute.events;

import java.util.UUID;

/** Events published by file-manager about stored files. */
public sealed interface FileEvent extends PlatformEvent permits FileUploaded, FileValidated, FileExpiryWarned {

    UUID fileId();

    UUID ownerId();

    @Override
    default String subject() {
        return fileId().toString();
    }
}
