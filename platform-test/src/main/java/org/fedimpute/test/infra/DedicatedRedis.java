package org.fedimpute.test.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import redis.embedded.RedisServer;

/**
 * A real Redis 7 of one test's own on a free loopback port, which the test may stop and start again to show what
 * happens while Redis is away (the shared {@link EmbeddedInfra} Redis must never be stopped).
 */
public final class DedicatedRedis implements AutoCloseable {

    private final int port;
    private final RedisServer server;

    private DedicatedRedis(int port) {
        this.port = port;
        this.server = RedisServer.builder()
                .bind("127.0.0.1")
                .port(port)
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
    }

    /** Starts a Redis on a free port. */
    public static DedicatedRedis start() {
        try {
            DedicatedRedis redis = new DedicatedRedis(FreePorts.find());
            redis.server.start();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start a dedicated Redis", e);
        }
    }

    public int port() {
        return port;
    }

    /** Stops the server; {@link #restart()} brings it back on the same port, empty. */
    public void stop() {
        server.stop();
    }

    public void restart() {
        server.start();
    }

    @Override
    public void close() {
        if (server.isActive()) {
            server.stop();
        }
    }
}
