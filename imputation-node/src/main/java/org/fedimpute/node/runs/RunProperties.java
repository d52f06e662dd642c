package org.fedimpute.node.runs;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the node runs imputations: how many at once, where they work, where inputs may be fetched from and how much
 * a submission may upload.
 *
 * @param concurrent runs working at once (db-scheduler's threads); the others wait QUEUED
 * @param workRoot the directory holding each run's working directory, named by its run id
 * @param inputUrlHosts the hosts {@code workflow_params.input} URLs may name; none by default
 * @param maxUploadSize the most a run's {@code workflow_attachment} parts may hold together
 */
@ConfigurationProperties("fedimpute.node.runs")
public record RunProperties(
        @DefaultValue("1") int concurrent,
        @DefaultValue("./node-runs") Path workRoot,
        List<String> inputUrlHosts,
        @DefaultValue("50GB") DataSize maxUploadSize) {

    public RunProperties {
        if (concurrent < 1) {
            throw new IllegalArgumentException("fedimpute.node.runs.concurrent must be at least 1");
        }
        workRoot = workRoot.toAbsolutePath().normalize();
        inputUrlHosts = inputUrlHosts == null
                ? List.of()
                : inputUrlHosts.stream()
                        .map(host -> host.toLowerCase(Locale.ROOT))
                        .toList();
    }
}
