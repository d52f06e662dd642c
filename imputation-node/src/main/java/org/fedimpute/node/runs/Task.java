package org.fedimpute.node.runs;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A step of a run, served as a WES task log.
 *
 * @param seq its number within the run, from 1, which is its task id
 * @param cmd the command it runs, or what it does where the node does it itself
 * @param stdout the file its standard output went to
 * @param stderr the file its standard error went to
 */
public record Task(
        UUID runId,
        int seq,
        String name,
        List<String> cmd,
        Instant startTime,
        Instant endTime,
        Integer exitCode,
        Path stdout,
        Path stderr) {

    public String id() {
        return String.valueOf(seq);
    }
}
