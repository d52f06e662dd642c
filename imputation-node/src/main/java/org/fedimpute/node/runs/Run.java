package org.fedimpute.node.runs;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A run as the node stored it.
 *
 * @param ownerHub the hub that submitted it, the only one that sees it
 * @param workDir its working directory
 * @param outputs its output files by output name, relative to the working directory
 * @param error why it failed or was stopped, in words for the researcher; null otherwise
 * @param inputs its genotype files, relative to the working directory
 */
public record Run(
        UUID runId,
        String ownerHub,
        RunState state,
        RunRequest request,
        Path workDir,
        Instant createdAt,
        Instant startTime,
        Instant endTime,
        Integer exitCode,
        Map<String, List<String>> outputs,
        String error,
        List<String> inputs) {}
