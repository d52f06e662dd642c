package org.fedimpute.jobs.submission;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** The files to run a saved template on, and optionally the job's own name (the template's name otherwise). */
record UseTemplateRequest(
        @Size(max = 200) String name,
        @NotEmpty @Size(max = 100) List<@NotNull UUID> fileIds) {}
