package org.fedimpute.jobs.submission;

import java.time.Instant;
import java.util.UUID;

/** A saved job template as its owner sees it. */
record JobTemplateResponse(
        UUID id,
        String name,
        String description,
        String service,
        String referencePanel,
        String build,
        String population,
        String phasing,
        String r2Filter,
        String mode,
        Instant createdAt) {}
