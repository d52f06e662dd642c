package org.fedimpute.jobs.lifecycle;

import java.util.Optional;
import org.fedimpute.jobs.remote.RemoteServer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Picks the protocol implementation for a registered service's kind among the {@link RemoteServer} beans. */
@Component
class RemoteServers {

    private final ObjectProvider<RemoteServer> servers;

    RemoteServers(ObjectProvider<RemoteServer> servers) {
        this.servers = servers;
    }

    Optional<RemoteServer> forKind(String kind) {
        return servers.orderedStream()
                .filter(server -> server.kind().equals(kind))
                .findFirst();
    }
}
