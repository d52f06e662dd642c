package org.fedimpute.files.uploads;

import java.io.IOException;

/**
 * A look at an upload's content once it is in storage and before its record is completed, such as validating
 * genotype data. A check refuses the file by throwing an {@link org.springframework.web.ErrorResponseException} with
 * a 4xx status; the upload then answers with that problem and nothing of the file is kept. A check that accepts the
 * file may leave work for after its record is complete (recording what it found, or looking further in the
 * background).
 */
public interface UploadCheck {

    /** Nothing to do once the record is complete. */
    Runnable NOTHING_MORE = () -> {};

    /** Looks at the upload; answers what to run once its record is complete ({@link #NOTHING_MORE} for nothing). */
    Runnable check(ReceivedUpload upload) throws IOException;
}
