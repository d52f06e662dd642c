package org.fedimpute.node.hubs;

import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The hubs configured under {@code fedimpute.node.hubs}: only the hash of each token is configured, so the node's
 * configuration never holds a usable credential.
 *
 * @param hubs each hub's name and the SHA-256 of its bearer token
 */
@ConfigurationProperties("fedimpute.node")
public record HubProperties(List<Hub> hubs) {

    public HubProperties {
        hubs = hubs == null ? List.of() : List.copyOf(hubs);
    }

    /**
     * A hub allowed to call the WES API.
     *
     * @param name the hub's name, which owns the runs it submits
     * @param tokenSha256 the SHA-256 of its bearer token, in hex
     */
    public record Hub(String name, String tokenSha256) {

        public Hub {
            Objects.requireNonNull(name, "fedimpute.node.hubs[].name");
            Objects.requireNonNull(tokenSha256, "fedimpute.node.hubs[].token-sha256");
            if (name.isBlank()) {
                throw new IllegalArgumentException("fedimpute.node.hubs[].name must not be blank");
            }
            if (!tokenSha256.matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException(
                        "fedimpute.node.hubs[].token-sha256 of hub " + name + " must be 64 hex digits");
            }
        }

        byte[] tokenHash() {
            return HexFormat.of().parseHex(tokenSha256);
        }
    }
}
