package org.fedimpute.files.downloads;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How signed download links are made.
 *
 * @param secret the HMAC-SHA256 key, at least 32 random bytes in Base64; required, and never logged
 * @param defaultTtl how long a link works unless its requester asks for less or more
 * @param maxTtl the longest a link may work
 */
@ConfigurationProperties("fedimpute.files.links")
record LinkProperties(
        String secret,
        @DefaultValue("1h") Duration defaultTtl,
        @DefaultValue("7d") Duration maxTtl) {

    @Override
    public String toString() {
        return "LinkProperties[secret=***, defaultTtl=" + defaultTtl + ", maxTtl=" + maxTtl + "]";
    }
}
