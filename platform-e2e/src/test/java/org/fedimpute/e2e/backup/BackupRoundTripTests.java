package org.fedimpute.e2e.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.fedimpute.test.infra.ServiceDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup drill of docs/operations.md, run for real: deploy/postgres/initdb provisions the service roles and
 * schemas on a PostgreSQL server, deploy/backup/backup.sh dumps them, a schema is lost, and deploy/backup/restore.sh
 * must bring back the same tables, rows, constraints, owners and sequence positions. The server is PostgreSQL 15
 * because the distribution's pg_dump, which the scripts run, refuses newer servers.
 */
class BackupRoundTripTests {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path BACKUP = ROOT.resolve("deploy/backup/backup.sh");
    private static final Path RESTORE = ROOT.resolve("deploy/backup/restore.sh");
    private static final Path INITDB = ROOT.resolve("deploy/postgres/initdb/10-service-schemas.sh");
    private static final String DATABASE = "fedimpute";
    private static final Map<String, String> PASSWORDS = Map.of("users", "users-secret", "jobs", "jobs-secret");

    private static EmbeddedPostgres postgres;

    @TempDir
    Path backups;

    @BeforeAll
    static void startPostgres(@TempDir Path serverFiles) throws Exception {
        assumeTrue(
                pgDumpMajorVersion() >= 15,
                "pg_dump 15 or newer is not installed (Debian: postgresql-client); the backup round trip is skipped");
        Path binaries = Path.of(System.getProperty("fedimpute.backup.postgres-binaries", "missing"));
        assumeTrue(Files.isRegularFile(binaries), "PostgreSQL 15 binaries not found at " + binaries);
        postgres = EmbeddedPostgres.builder()
                .setPgBinaryResolver((system, architecture) ->
                        entryOf(binaries, "postgres-" + system.toLowerCase(Locale.ROOT) + "-" + architecture + ".txz"))
                .setServerConfig(
                        "hba_file",
                        ServiceDatabase.writeAuthenticationRules(serverFiles.resolve("pg_hba.conf"))
                                .toString())
                .setServerConfig("fsync", "off")
                .setRegisterShutdownHook(false)
                .start();
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
                Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + DATABASE);
        }
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void freshSchemasWithData() throws Exception {
        try (Connection admin = superuser();
                Statement sql = admin.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS users CASCADE");
            sql.execute("DROP SCHEMA IF EXISTS jobs CASCADE");
        }
        ScriptRun provisioning = run(INITDB, List.of(), Map.of("FEDIMPUTE_SCHEMAS", "users jobs"));
        assertThat(provisioning.exitCode()).as(provisioning.output()).isZero();
        execute("users", """
                CREATE TABLE account (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    email text NOT NULL UNIQUE,
                    profile jsonb NOT NULL,
                    roles text[] NOT NULL,
                    created timestamptz NOT NULL);
                CREATE TABLE api_key (
                    id uuid PRIMARY KEY,
                    account_id bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
                    digest bytea NOT NULL);
                CREATE INDEX api_key_account ON api_key (account_id);
                CREATE VIEW admin_account AS SELECT id, email FROM account WHERE 'ADMIN' = ANY (roles);
                INSERT INTO account (email, profile, roles, created)
                    SELECT 'researcher' || n || '@example.org', jsonb_build_object('name', 'R ' || n, 'n', n),
                           CASE WHEN n % 50 = 0 THEN ARRAY['ADMIN', 'RESEARCHER'] ELSE ARRAY['RESEARCHER'] END,
                           timestamptz '2026-01-01 00:00:00+00' + n * interval '1 minute'
                    FROM generate_series(1, 500) AS n;
                INSERT INTO api_key (id, account_id, digest)
                    SELECT md5(n::text)::uuid, n, sha256(n::text::bytea) FROM generate_series(1, 500, 3) AS n;
                """);
        execute("jobs", """
                CREATE TABLE job (id uuid PRIMARY KEY, owner bigint NOT NULL, state text NOT NULL, note text);
                INSERT INTO job SELECT md5('job' || n)::uuid, n % 37, 'COMPLETED', E'line one\\nline two\\t' || n
                    FROM generate_series(1, 300) AS n;
                """);
    }

    @Test
    void aDroppedSchemaComesBackIdenticalAndItsServiceCanUseItAgain() throws Exception {
        Map<String, List<String>> before = snapshot();
        Path backup = backUp(Map.of());

        try (Connection admin = superuser();
                Statement sql = admin.createStatement()) {
            sql.execute("DROP SCHEMA users CASCADE");
        }
        ScriptRun restore = run(RESTORE, List.of(backup.toString(), "users"), Map.of());

        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(snapshot()).isEqualTo(before);
        // The service's own role still owns its tables, and the identity column continues after the restored rows.
        execute(
                "users",
                "INSERT INTO account (email, profile, roles, created) "
                        + "VALUES ('new@example.org', '{}', '{}', now())");
        try (Connection users = serviceRole("users");
                Statement sql = users.createStatement();
                ResultSet row = sql.executeQuery("SELECT id FROM account WHERE email = 'new@example.org'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getLong(1)).isEqualTo(501);
        }
    }

    @Test
    void restoringEverySchemaUndoesLaterChangesInAll() throws Exception {
        Map<String, List<String>> before = snapshot();
        Path backup = backUp(Map.of());
        execute("users", "DELETE FROM account WHERE id > 100; CREATE TABLE added_later (x int)");
        execute("jobs", "UPDATE job SET state = 'FAILED'; ALTER TABLE job ADD COLUMN extra text");
        assertThat(snapshot()).isNotEqualTo(before);

        ScriptRun restore = run(RESTORE, List.of(backup.toString()), Map.of());

        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(restore.output()).contains("users restored").contains("jobs restored");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aDamagedDumpIsRefusedBeforeAnythingIsTouched() throws Exception {
        Path backup = backUp(Map.of());
        execute("jobs", "DELETE FROM job WHERE owner = 1");
        Map<String, List<String>> changed = snapshot();
        Path dump = backup.resolve("jobs.dump");
        byte[] bytes = Files.readAllBytes(dump);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(dump, bytes);

        ScriptRun restore = run(RESTORE, List.of(backup.toString()), Map.of());

        assertThat(restore.exitCode()).isNotZero();
        assertThat(restore.output()).contains("jobs.dump is damaged");
        assertThat(snapshot()).isEqualTo(changed);
    }

    @Test
    void onlyTheNewestCompleteBackupsAreKept() throws Exception {
        Path oldest = Files.createDirectories(backups.resolve("20250101T000000Z"));
        Path older = Files.createDirectories(backups.resolve("20250102T000000Z"));
        Path interrupted = Files.createDirectories(backups.resolve("20250103T000000Z.partial"));

        Path newest = backUp(Map.of("FEDIMPUTE_BACKUP_KEEP", "2"));

        try (Stream<Path> left = Files.list(backups)) {
            assertThat(left).containsExactlyInAnyOrder(older, interrupted, newest);
        }
        assertThat(oldest).doesNotExist();
        assertThat(Files.readString(newest.resolve("MANIFEST")))
                .contains("server_version=15.")
                .containsPattern("schema users [0-9a-f]{64}")
                .containsPattern("schema jobs [0-9a-f]{64}");
    }

    @Test
    void anUnknownSchemaFailsTheBackupAndLeavesNoPartialDirectory() throws Exception {
        ScriptRun backup =
                run(BACKUP, List.of("users", "nosuchschema"), Map.of("FEDIMPUTE_BACKUP_ROOT", backups.toString()));

        assertThat(backup.exitCode()).isNotZero();
        assertThat(backup.output()).contains("schema nosuchschema does not exist");
        try (Stream<Path> left = Files.list(backups)) {
            assertThat(left).isEmpty();
        }
    }

    private Path backUp(Map<String, String> settings) throws Exception {
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("FEDIMPUTE_BACKUP_ROOT", backups.toString());
        ScriptRun backup = run(BACKUP, List.of("users", "jobs"), environment);
        assertThat(backup.exitCode()).as(backup.output()).isZero();
        Matcher done = Pattern.compile("backup: complete in (\\S+)").matcher(backup.output());
        assertThat(done.find()).as(backup.output()).isTrue();
        return Path.of(done.group(1));
    }

    /** Everything a restore must bring back: rows, columns, constraints, indexes, views, owners, sequence positions. */
    private static Map<String, List<String>> snapshot() throws SQLException {
        Map<String, List<String>> state = new HashMap<>();
        try (Connection admin = superuser()) {
            for (String schema : PASSWORDS.keySet()) {
                List<String> facts = new ArrayList<>();
                facts.addAll(rows(admin, """
                        SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' '
                               || coalesce(column_default, '') || ' ' || is_identity
                        FROM information_schema.columns WHERE table_schema = '%s' ORDER BY 1""".formatted(schema)));
                facts.addAll(rows(admin, """
                        SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                        FROM pg_constraint WHERE connamespace = '%s'::regnamespace ORDER BY 1""".formatted(schema)));
                facts.addAll(rows(
                        admin, "SELECT indexdef FROM pg_indexes WHERE schemaname = '%s' ORDER BY 1".formatted(schema)));
                facts.addAll(rows(admin, """
                        SELECT c.relname || ' ' || c.relkind::text || ' ' || pg_get_userbyid(c.relowner)
                        FROM pg_class c WHERE c.relnamespace = '%s'::regnamespace ORDER BY 1""".formatted(schema)));
                facts.addAll(rows(
                        admin, "SELECT definition FROM pg_views WHERE schemaname = '%s' ORDER BY 1".formatted(schema)));
                facts.addAll(rows(admin, """
                        SELECT sequencename || ' ' || coalesce(last_value, 0)
                        FROM pg_sequences WHERE schemaname = '%s' ORDER BY 1""".formatted(schema)));
                for (String table : rows(admin, """
                        SELECT table_name FROM information_schema.tables
                        WHERE table_schema = '%s' AND table_type = 'BASE TABLE' ORDER BY 1""".formatted(schema))) {
                    facts.add("rows of " + table);
                    facts.addAll(rows(admin, "SELECT t::text FROM %s.%s t ORDER BY 1".formatted(schema, table)));
                }
                state.put(schema, facts);
            }
        }
        return state;
    }

    private static List<String> rows(Connection connection, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement sql = connection.createStatement();
                ResultSet result = sql.executeQuery(query)) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        }
        return values;
    }

    /** Runs statements as the schema's own service role, the way the service's migrations would. */
    private static void execute(String schema, String statements) throws SQLException {
        try (Connection connection = serviceRole(schema);
                Statement sql = connection.createStatement()) {
            sql.execute(statements);
        }
    }

    private static Connection superuser() throws SQLException {
        return postgres.getDatabase("postgres", DATABASE).getConnection();
    }

    private static Connection serviceRole(String schema) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE, schema, PASSWORDS.get(schema));
    }

    private static ScriptRun run(Path script, List<String> arguments, Map<String, String> settings)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("PGHOST", "127.0.0.1");
        environment.put("PGPORT", Integer.toString(postgres.getPort()));
        environment.put("PGUSER", "postgres");
        environment.put("PGDATABASE", DATABASE);
        environment.put("POSTGRES_USER", "postgres");
        environment.put("POSTGRES_DB", DATABASE);
        PASSWORDS.forEach((schema, password) ->
                environment.put("FEDIMPUTE_DB_PASSWORD_" + schema.toUpperCase(Locale.ROOT), password));
        environment.putAll(settings);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(script + " did not finish within 120 s:\n" + output);
        }
        return new ScriptRun(process.exitValue(), output);
    }

    private static int pgDumpMajorVersion() {
        try {
            Process process = new ProcessBuilder("pg_dump", "--version")
                    .redirectErrorStream(true)
                    .start();
            String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            Matcher major = Pattern.compile("(\\d+)\\.\\d+").matcher(version);
            return major.find() ? Integer.parseInt(major.group(1)) : 0;
        } catch (IOException | InterruptedException e) {
            return 0;
        }
    }

    /** One entry of the binaries jar, which stays open until the entry has been read. */
    private static InputStream entryOf(Path jar, String entry) throws IOException {
        JarFile file = new JarFile(jar.toFile());
        var found = file.getJarEntry(entry);
        if (found == null) {
            file.close();
            throw new IOException(jar + " holds no " + entry);
        }
        return new FilterInputStream(file.getInputStream(found)) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    file.close();
                }
            }
        };
    }

    private record ScriptRun(int exitCode, String output) {}
}
