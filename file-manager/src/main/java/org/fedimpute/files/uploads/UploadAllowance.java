package org.fedimpute.files.uploads;

import java.util.OptionalLong;
import org.fedimpute.files.records.ByteSizes;
import org.fedimpute.files.records.FileRecords;
import org.fedimpute.platform.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * How much one upload may bring: at most {@code maxBytes}, and, when the uploader is held to a quota, no more than
 * the quota has left.
 *
 * @param maxBytes the size limit of one file
 * @param quotaBytes the uploader's quota, or empty when the file is not held to one
 * @param usedBytes how much of the quota the uploader's stored files already take
 */
record UploadAllowance(long maxBytes, OptionalLong quotaBytes, long usedBytes) {

    static UploadAllowance withoutQuota(long maxBytes) {
        return new UploadAllowance(maxBytes, OptionalLong.empty(), 0);
    }

    /** How many bytes may stream in before the upload is refused. */
    long streamLimit() {
        return Math.min(maxBytes, roomLeft());
    }

    /** Refuses an upload of a size declared up front that would exceed the size limit or the quota. */
    void checkDeclared(long sizeBytes) {
        if (sizeBytes > maxBytes) {
            throw tooLarge();
        }
        if (sizeBytes > roomLeft()) {
            throw quotaExceeded();
        }
    }

    /** Refuses at once an upload whose uploader has no room left. */
    void checkRoomLeft() {
        if (roomLeft() <= 0) {
            throw quotaExceeded();
        }
    }

    /** The refusal of an upload that streamed beyond {@link #streamLimit()}. */
    ErrorResponseException exceeded() {
        return roomLeft() < maxBytes ? quotaExceeded() : tooLarge();
    }

    private long roomLeft() {
        return quotaBytes.isPresent() ? Math.max(0, quotaBytes.getAsLong() - usedBytes) : Long.MAX_VALUE;
    }

    private ErrorResponseException tooLarge() {
        ErrorResponseException error = Problems.error(
                HttpStatus.CONTENT_TOO_LARGE,
                "The file is larger than the " + ByteSizes.describe(maxBytes) + " allowed for this upload.");
        error.getBody().setProperty("maxBytes", maxBytes);
        return error;
    }

    private ErrorResponseException quotaExceeded() {
        return FileRecords.quotaExceeded(usedBytes, quotaBytes.orElseThrow());
    }
}
