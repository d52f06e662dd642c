package org.fedimpute.e2e.journey;

import java.nio.file.Path;

/**
 * Where the journey meets the platform: the gateway, the mail catcher's IMAP server, a directory for the files it
 * writes and downloads, and the imputation service and reference panel it imputes on.
 */
public record JourneySettings(
        String gatewayUrl,
        String imapHost,
        int imapPort,
        Path workDirectory,
        String service,
        String panel,
        String build) {

    /** The platform's own node with its demo panel, as local mode and the end-to-end tests register them. */
    public static JourneySettings onTheDemoPanel(String gatewayUrl, String imapHost, int imapPort, Path work) {
        return new JourneySettings(gatewayUrl, imapHost, imapPort, work, "local-node", "synthetic-chr20", "hg38");
    }
}
