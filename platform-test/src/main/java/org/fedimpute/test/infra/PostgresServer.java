package org.fedimpute.test.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL 17 on a loopback port, configured as every test server is (service roles need their password,
 * durability traded for speed), that hands out databases each owned by a service role. The JVM's shared one comes
 * from {@link EmbeddedInfra}; a test that must stop the database under a running platform starts one of its own with
 * {@link #startRestartable}, whose data survive {@link #restart()}.
 */
public final class PostgresServer implements AutoCloseable {

    private final Path dataDirectory;
    private final AtomicInteger databases = new AtomicInteger();
    private EmbeddedPostgres server;
    private int port;

    private PostgresServer(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /** A server in a fresh temporary directory, removed when it is closed. */
    static PostgresServer start() {
        PostgresServer server = new PostgresServer(null);
        server.run(0);
        return server;
    }

    /** A server whose data live in {@code dataDirectory}, so that it can be stopped and started again holding them. */
    public static PostgresServer startRestartable(Path dataDirectory) {
        PostgresServer server = new PostgresServer(dataDirectory.toAbsolutePath());
        try {
            server.run(FreePorts.find());
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for PostgreSQL", e);
        }
        return server;
    }

    private void run(int fixedPort) {
        try {
            Path rules = ServiceDatabase.writeAuthenticationRules(
                    Files.createTempDirectory("fedimpute-pg").resolve("pg_hba.conf"));
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("hba_file", rules.toString())
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300")
                    .setRegisterShutdownHook(false);
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory)
                        .setCleanDataDirectory(false)
                        .setPort(fixedPort);
            }
            server = builder.start();
            port = server.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
    }

    public int port() {
        return port;
    }

    /** A database of its own, created now, connected to as {@code role} if one is given (else the superuser). */
    public synchronized EmbeddedInfra.DatabaseAccess createDatabase(String hint, String role) {
        String name = "t_" + sanitize(hint) + "_" + databases.incrementAndGet();
        try (Connection admin = server.getPostgresDatabase().getConnection();
                Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name, e);
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
        if (role == null || role.isBlank()) {
            return new EmbeddedInfra.DatabaseAccess(url, "postgres", "");
        }
        String password = role + "-test";
        try (Connection admin = server.getDatabase("postgres", name).getConnection()) {
            ServiceDatabase.provision(admin, role, password);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not provision role and schema " + role, e);
        }
        return new EmbeddedInfra.DatabaseAccess(url, role, password);
    }

    /**
     * Stops the server (a fast shutdown: open connections are cut, as in a database failover) and starts it again on
     * the same port with the same data. Only for a server started with {@link #startRestartable}.
     */
    public synchronized void restart() {
        if (dataDirectory == null) {
            throw new IllegalStateException("only a server started with startRestartable can restart");
        }
        close();
        run(port);
    }

    @Override
    public synchronized void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not stop cleanly", e);
        }
    }

    private static String sanitize(String hint) {
        String cleaned = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return cleaned.length() > 40 ? cleaned.substring(0, 40) : cleaned;
    }
}
