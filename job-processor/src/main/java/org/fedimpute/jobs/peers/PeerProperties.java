package org.fedimpute.jobs.peers;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the platform services job-processor calls are, and how long to wait for them.
 *
 * @param registryUrl service-registry's root
 * @param usersUrl user-service's root
 * @param filesUrl file-manager's root
 * @param connectTimeout how long to wait for a connection to any of them
 * @param readTimeout how long to wait for an answer (file transfers stream, so this bounds silence, not size)
 * @param registryCacheTtl how long a service found in the registry is used without asking again ({@code 0} asks every
 *     time); an admin's change to a service reaches job-processor within it
 */
@ConfigurationProperties("fedimpute.jobs")
record PeerProperties(
        @DefaultValue("http://localhost:8002") String registryUrl,
        @DefaultValue("http://localhost:8001") String usersUrl,
        @DefaultValue("http://localhost:8004") String filesUrl,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("5s") Duration registryCacheTtl) {}
