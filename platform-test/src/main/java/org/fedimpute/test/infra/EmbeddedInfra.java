package org.fedimpute.test.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * One real PostgreSQL 17 and one real Redis 7 per test JVM, started on first use on free loopback ports and stopped
 * after the last Spring context has closed, so that every test class can have its own database and Redis database
 * without paying for a server start each.
 */
public final class EmbeddedInfra {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfra.class);
    private static final int REDIS_DATABASES = 64;
    private static final Duration CONTEXTS_CLOSE_TIMEOUT = Duration.ofSeconds(20);

    private static final AtomicInteger redisDatabaseCounter = new AtomicInteger();
    private static final List<BooleanSupplier> openContexts = new CopyOnWriteArrayList<>();

    private static PostgresServer postgres;
    private static RedisServer redis;
    private static int redisPort;
    private static boolean shutdownHookRegistered;

    private EmbeddedInfra() {}

    /** A database of its own, created now, connected to as {@code role} if one is given (else the superuser). */
    public static DatabaseAccess createDatabase(String hint, String role) {
        return postgres().createDatabase(hint, role);
    }

    /** The loopback port of the shared Redis server, started on first use. */
    public static synchronized int redisPort() {
        if (redis == null) {
            try {
                redisPort = FreePorts.find();
                redis = RedisServer.builder()
                        .bind("127.0.0.1")
                        .port(redisPort)
                        .setting("databases " + REDIS_DATABASES)
                        .setting("save \"\"")
                        .setting("appendonly no")
                        .build();
                redis.start();
                registerShutdownHook();
                log.info("Embedded Redis started on port {}", redisPort);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start embedded Redis", e);
            }
        }
        return redisPort;
    }

    /** A Redis database index no other test class of this JVM uses. */
    public static int nextRedisDatabase() {
        int index = redisDatabaseCounter.getAndIncrement();
        if (index >= REDIS_DATABASES) {
            throw new IllegalStateException("More than " + REDIS_DATABASES + " Redis-isolated contexts in one JVM");
        }
        return index;
    }

    /** Lets the shutdown hook wait until a Spring context has closed before the servers under it stop. */
    public static void track(BooleanSupplier contextIsActive) {
        openContexts.add(contextIsActive);
    }

    static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = PostgresServer.start();
            registerShutdownHook();
            log.info("Embedded PostgreSQL started on port {}", postgres.port());
        }
        return postgres;
    }

    private static void registerShutdownHook() {
        if (!shutdownHookRegistered) {
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedInfra::stopAfterContexts, "embedded-infra-stop"));
            shutdownHookRegistered = true;
        }
    }

    /** Spring closes its contexts from its own hook; stopping the servers first would hang connection pools. */
    private static void stopAfterContexts() {
        long deadline = System.nanoTime() + CONTEXTS_CLOSE_TIMEOUT.toNanos();
        while (openContexts.stream().anyMatch(BooleanSupplier::getAsBoolean) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        synchronized (EmbeddedInfra.class) {
            if (redis != null) {
                redis.stop();
            }
            if (postgres != null) {
                try {
                    postgres.close();
                } catch (UncheckedIOException e) {
                    log.warn("Embedded PostgreSQL did not stop cleanly", e);
                }
            }
        }
    }

    /** How a test reaches its database. */
    public record DatabaseAccess(String jdbcUrl, String username, String password) {}
}
