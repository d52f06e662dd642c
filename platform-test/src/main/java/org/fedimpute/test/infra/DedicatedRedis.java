package org.fedimpute.test.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import redis.embedded.RedisServer;
import redis.embedded.RedisServerBuilder;

/**
 * A real Redis 7 of one test's own on a free loopback port, which the test may stop and start again to show what
 * happens while Redis is away (the shared {@link EmbeddedInfra} Redis must never be stopped).
 */
public final class DedicatedRedis implements AutoCloseable {

    private final int port;
    private final RedisServer server;

    private DedicatedRedis(int port, Path appendOnlyDir) {
        this.port = port;
        RedisServerBuilder builder =
                RedisServer.builder().bind("127.0.0.1").port(port).setting("save \"\"");
        this.server = (appendOnlyDir == null
                        ? builder.setting("appendonly no")
                        : builder.setting("dir " + appendOnlyDir).setting("appendonly yes"))
                .build();
    }

    /** Starts a Redis on a free port that keeps nothing: {@link #restart()} brings it back empty. */
    public static DedicatedRedis start() {
        return start(null);
    }

    /**
     * Starts a Redis on a free port that keeps an append-only file in {@code dir}, as a Redis whose streams must
     * survive a restart does: {@link #restart()} brings it back holding what it held when it was stopped.
     */
    public static DedicatedRedis startPersistent(Path dir) {
        return start(dir);
    }

    private static DedicatedRedis start(Path appendOnlyDir) {
        try {
            DedicatedRedis redis = new DedicatedRedis(FreePorts.find(), appendOnlyDir);
            redis.server.start();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start a dedicated Redis", e);
        }
    }

    public int port() {
        return port;
    }

    /** Stops the server; {@link #restart()} brings it back on the same port. */
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
