package org.fedimpute.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many verified tokens the gateway remembers, so that their signatures are not checked again on every request.
 *
 * @param cacheSize tokens remembered at most (about 3 KB each); when full, the least useful is dropped
 */
@ConfigurationProperties("fedimpute.gateway.verified-tokens")
record VerifiedTokenProperties(@DefaultValue("1000") int cacheSize) {}
