package org.fedimpute.test.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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

    private static final AtomicInteger databaseCounter = new AtomicInteger();
    private static final AtomicInteger redisDatabaseCounter = new AtomicInteger();
    private static final List<BooleanSupplier> openContexts = new CopyOnWriteArrayList<>();

    private static EmbeddedPostgres postgres;
    private static RedisServer redis;
    private static int redisPort;
    private static boolean shutdownHookRegistered;

    private EmbeddedInfra() {}

    /** A database of its own, created now, connected to as {@code role} if one is given (else the superuser). */
    public static synchronized DatabaseAccess createDatabase(String hint, String role) {
        EmbeddedPostgres server = postgres();
        String name = "t_" + sanitize(hint) + "_" + databaseCounter.incrementAndGet();
        try (Connection admin = server.getPostgresDatabase().getConnection();
                Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name, e);
        }
        String url = "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + name;
        if (role == null || role.isBlank()) {
            return new DatabaseAccess(url, "postgres", "");
        }
        String password = role + "-test";
        try (Connection admin = server.getDatabase("postgres", name).getConnection()) {
            ServiceDatabase.provision(admin, role, password);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not provision role and schema " + role, e);
        }
        return new DatabaseAccess(url, role, password);
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

    static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                Path rules = ServiceDatabase.writeAuthenticationRules(
                        Files.createTempDirectory("fedimpute-pg").resolve("pg_hba.conf"));
                postgres = EmbeddedPostgres.builder()
                        .setServerConfig("hba_file", rules.toString())
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "300")
                        .setRegisterShutdownHook(false)
                        .start();
                registerShutdownHook();
                log.info("Embedded PostgreSQL started on port {}", postgres.getPort());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
            }
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
                } catch (IOException e) {
                    log.warn("Embedded PostgreSQL did not stop cleanly", e);
                }
            }
        }
    }

    private static String sanitize(String hint) {
        String cleaned = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return cleaned.length() > 40 ? cleaned.substring(0, 40) : cleaned;
    }

    /** How a test reaches its database. */
    public record DatabaseAccess(String jdbcUrl, String username, String password) {}
}
