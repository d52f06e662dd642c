package org.fedimpute.files.uploads;

import java.io.IOException;

/**
 * A look at an upload's content once it is in storage and before its record is completed, such as validating
 * genotype data. A check refuses the file by throwing an {@link org.springframework.web.ErrorResponseException} with
 * a 4xx status; the upload then answers with that problem and nothing of the file is kept.
 */
public interface UploadCheck {

    void check(ReceivedUpload upload) throws IOException;
}
