package org.fedimpute.jobs.remote;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Picks the client for a registered service's kind, so the job lifecycle never names a protocol. */
@Component
public class RemoteServers {

    private final Map<String, RemoteServer> byKind;

    RemoteServers(List<RemoteServer> servers) {
        this.byKind = servers.stream().collect(Collectors.toUnmodifiableMap(RemoteServer::kind, Function.identity()));
    }

    /**
     * The client for services of this kind ({@code MICHIGAN}, {@code GA4GH_WES}).
     *
     * @throws RemoteFailure.Rejected for a kind no client speaks: a job sent to such a service cannot succeed
     */
    public RemoteServer forKind(String kind) {
        RemoteServer server = byKind.get(kind);
        if (server == null) {
            throw new RemoteFailure.Rejected("FedImpute cannot send jobs to services of kind " + kind + "; it speaks "
                    + String.join(" and ", new TreeSet<>(byKind.keySet())));
        }
        return server;
    }
}
