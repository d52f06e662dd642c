package org.fedimpute.node.engine;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the node finds its engines when they are not simply on the {@code PATH} ({@code fedimpute.node.engine.*}).
 *
 * @param beagleJar a Beagle 5.4 jar to run with {@code java -jar}; unset, {@code BEAGLE_JAR} or the {@code beagle}
 *     command is used
 * @param beagleMaxHeap the {@code -Xmx} for that jar ({@code 8g}); unset, Java's default (a quarter of the memory)
 */
@ConfigurationProperties("fedimpute.node.engine")
record EngineProperties(Path beagleJar, String beagleMaxHeap) {}
