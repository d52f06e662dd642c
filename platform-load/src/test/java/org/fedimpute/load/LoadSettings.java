package org.fedimpute.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What one run of the simulation aims at and how hard, from system properties ({@code -Dfedimpute.load.users=200}),
 * with local mode's defaults; {@code via=direct} sends each call to its owning service instead of the gateway, so the
 * two runs compare the gateway's cost on the same calls.
 *
 * @param users concurrent researchers
 * @param rampUp how long it takes them all to arrive
 * @param session how long each researcher keeps browsing and polling after submitting
 * @param viaGateway whether calls go through the gateway (else straight to each service)
 * @param gateway the gateway's base URL
 * @param services each owning service's base URL, by route ({@code users}, {@code registry}, {@code jobs},
 *     {@code files})
 * @param service the imputation service the researchers submit to
 * @param panel the reference panel they choose
 * @param genotypes the VCF each researcher uploads once before the run
 */
record LoadSettings(
        int users,
        Duration rampUp,
        Duration session,
        boolean viaGateway,
        String gateway,
        Map<String, String> services,
        String service,
        String panel,
        Path genotypes) {

    static LoadSettings fromSystemProperties() {
        String host = property("host", "http://localhost");
        String via = property("via", "gateway");
        if (!via.equals("gateway") && !via.equals("direct")) {
            throw new IllegalArgumentException("fedimpute.load.via must be gateway or direct, not " + via);
        }
        return new LoadSettings(
                Integer.parseInt(property("users", "200")),
                Duration.ofSeconds(Long.parseLong(property("ramp-seconds", "30"))),
                Duration.ofSeconds(Long.parseLong(property("session-seconds", "180"))),
                via.equals("gateway"),
                property("gateway", host + ":8000"),
                Map.of(
                        "users", property("users-url", host + ":8001"),
                        "registry", property("registry-url", host + ":8002"),
                        "jobs", property("jobs-url", host + ":8003"),
                        "files", property("files-url", host + ":8004")),
                property("service", "local-node"),
                property("panel", "synthetic-chr20"),
                genotypesFile());
    }

    /** The base URL a call on {@code route} goes to in this run. */
    String baseFor(String route) {
        return viaGateway ? gateway : services.get(route);
    }

    /** The demo target that {@code ./platform up} writes beside the demo panel, unless one is named. */
    private static Path genotypesFile() {
        String named = System.getProperty("fedimpute.load.genotypes");
        if (named != null) {
            return Path.of(named);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path demo = dir.resolve(".platform/node/panels/synthetic-chr20/target.vcf.gz");
            if (Files.isRegularFile(demo)) {
                return demo;
            }
        }
        throw new IllegalStateException(
                "No genotype file: start the platform with ./platform up (it writes the demo target) or pass"
                        + " -Dfedimpute.load.genotypes=<file.vcf.gz>");
    }

    private static String property(String name, String fallback) {
        return System.getProperty("fedimpute.load." + name, fallback);
    }
}
