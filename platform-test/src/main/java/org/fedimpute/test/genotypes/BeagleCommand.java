package org.fedimpute.test.genotypes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Whether Beagle is installed as the {@code beagle} command (Debian's package, which CI installs), for the tests that
 * impute for real and are skipped, saying why, where it is not.
 */
public final class BeagleCommand {

    private BeagleCommand() {}

    /** True when {@code beagle} runs and prints its banner. */
    public static boolean installed() {
        try {
            Process probe =
                    new ProcessBuilder("beagle").redirectErrorStream(true).start();
            String banner = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            probe.waitFor();
            return banner.contains("beagle");
        } catch (IOException notInstalled) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
