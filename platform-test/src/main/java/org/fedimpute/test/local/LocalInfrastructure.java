package org.fedimpute.test.local;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.fedimpute.test.infra.ServiceDatabase;
import redis.embedded.RedisServer;

/**
 * The servers that local mode runs beside the services: PostgreSQL 17 with one role and schema per service, Redis 7
 * and an SMTP sink, all on loopback, all keeping their data under the state directory so that it survives a restart.
 * {@code ./platform up} starts it as its own process and stops it last.
 */
public final class LocalInfrastructure {

    static final String DATABASE = "fedimpute";
    private static final String PASSWORD_VARIABLE_PREFIX = "FEDIMPUTE_DB_PASSWORD_";

    private final LocalInfrastructureSettings settings;
    private final Map<String, String> environment;
    private final List<AutoCloseable> running = new ArrayList<>();

    LocalInfrastructure(LocalInfrastructureSettings settings, Map<String, String> environment) {
        this.settings = settings;
        this.environment = environment;
    }

    public static void main(String[] args) throws Exception {
        LocalInfrastructure infrastructure =
                new LocalInfrastructure(LocalInfrastructureSettings.parse(args), System.getenv());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            infrastructure.stop();
                            stopped.countDown();
                        },
                        "local-infrastructure-stop"));
        try {
            infrastructure.start();
        } catch (Exception e) {
            System.err.println("Local infrastructure failed to start: " + e.getMessage());
            System.exit(1);
        }
        System.out.println("Local infrastructure ready: " + infrastructure.settings.describe());
        stopped.await();
    }

    void start() throws IOException, SQLException {
        Files.createDirectories(settings.stateDirectory());
        startPostgres();
        startRedis();
        startMailSink();
    }

    void stop() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                System.err.println("Stopping " + running.get(i) + " failed: " + e.getMessage());
            }
        }
        running.clear();
    }

    private void startPostgres() throws IOException, SQLException {
        Path dataDirectory = settings.stateDirectory().resolve("postgres");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(settings.postgresPort())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig(
                        "hba_file",
                        ServiceDatabase.writeAuthenticationRules(
                                        settings.stateDirectory().resolve("pg_hba.conf"))
                                .toAbsolutePath()
                                .toString())
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "64MB")
                .setRegisterShutdownHook(false)
                .start();
        running.add(postgres);
        try (Connection admin = postgres.getPostgresDatabase().getConnection()) {
            createDatabaseIfMissing(admin);
        }
        try (Connection admin = postgres.getDatabase("postgres", DATABASE).getConnection()) {
            for (String schema : settings.schemas()) {
                ServiceDatabase.provision(admin, schema, passwordOf(schema));
            }
        }
    }

    private static void createDatabaseIfMissing(Connection admin) throws SQLException {
        try (PreparedStatement exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet row = exists.executeQuery()) {
                if (!row.next()) {
                    try (Statement sql = admin.createStatement()) {
                        sql.execute("CREATE DATABASE " + DATABASE);
                    }
                }
            }
        }
    }

    private String passwordOf(String schema) {
        String variable = PASSWORD_VARIABLE_PREFIX + schema.toUpperCase(Locale.ROOT);
        String password = environment.get(variable);
        if (password == null || password.isBlank()) {
            throw new IllegalStateException("No password for the " + schema + " role: set " + variable);
        }
        return password;
    }

    private void startRedis() throws IOException {
        Path dataDirectory = Files.createDirectories(settings.stateDirectory().resolve("redis"));
        RedisServer redis = RedisServer.builder()
                .bind("127.0.0.1")
                .port(settings.redisPort())
                .setting("dir " + dataDirectory.toAbsolutePath())
                .setting("appendonly yes")
                .setting("appendfsync always")
                .setting("pidfile " + dataDirectory.toAbsolutePath().resolve("redis.pid"))
                .setting("maxmemory 256mb")
                .setting("maxmemory-policy noeviction")
                .build();
        redis.start();
        running.add(redis::stop);
    }

    private void startMailSink() {
        GreenMail mail = new GreenMail(new ServerSetup[] {
                    new ServerSetup(settings.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                    new ServerSetup(settings.imapPort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
                })
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        mail.start();
        running.add(mail::stop);
    }
}
