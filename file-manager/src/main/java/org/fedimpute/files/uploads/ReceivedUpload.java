package org.fedimpute.files.uploads;

import java.util.UUID;
import org.fedimpute.files.records.FileKind;
import org.fedimpute.files.records.ReceivedContent;

/**
 * A file whose content has streamed into storage but whose record is not complete yet: what an {@link UploadCheck}
 * needs to look at it.
 *
 * @param storageKey where the content lies in {@link org.fedimpute.files.storage.FileStorage}
 * @param genotypeData whether the content is input genotype data (by its extension), which validation looks at
 */
public record ReceivedUpload(
        UUID fileId,
        UUID ownerId,
        FileKind kind,
        String fileName,
        String storageKey,
        boolean genotypeData,
        String declaredBuild,
        ReceivedContent content) {}
