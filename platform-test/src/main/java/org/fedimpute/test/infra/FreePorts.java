package org.fedimpute.test.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds a free loopback port for a server that cannot be told to pick one itself. */
public final class FreePorts {

    private FreePorts() {}

    /** A loopback port that was free a moment ago. */
    public static int find() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
