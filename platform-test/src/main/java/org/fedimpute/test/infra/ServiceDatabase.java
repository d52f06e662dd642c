package org.fedimpute.test.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * Gives a service its own login role and a schema that role owns, the way every environment of the platform does
 * it, so that tests and local mode prove a service can work with nothing more than its own schema.
 */
public final class ServiceDatabase {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private ServiceDatabase() {}

    /**
     * Writes the client authentication rules every embedded server runs with (pass the file as {@code hba_file}):
     * the superuser that provisions roles is trusted on loopback, and every service role must give its password.
     */
    public static Path writeAuthenticationRules(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, """
                # FedImpute: the provisioning superuser is trusted on loopback; service roles need their password.
                host all postgres 127.0.0.1/32 trust
                host all postgres ::1/128 trust
                host all all 127.0.0.1/32 scram-sha-256
                host all all ::1/128 scram-sha-256
                """);
    }

    /**
     * Creates (or updates the password of) the login role named {@code schema} and a schema of the same name owned
     * by it, in the database {@code superuser} is connected to. Idempotent.
     */
    public static void provision(Connection superuser, String schema, String password) throws SQLException {
        requireIdentifier(schema);
        String quotedPassword = "'" + password.replace("'", "''") + "'";
        try (Statement sql = superuser.createStatement()) {
            sql.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + schema + "') THEN "
                    + "CREATE ROLE " + schema + " LOGIN; END IF; END $$");
            sql.execute("ALTER ROLE " + schema + " LOGIN PASSWORD " + quotedPassword);
            sql.execute("CREATE SCHEMA IF NOT EXISTS " + schema + " AUTHORIZATION " + schema);
            sql.execute("ALTER ROLE " + schema + " SET search_path = " + schema);
            sql.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        }
    }

    static String requireIdentifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a plain lower-case SQL identifier");
        }
        return name;
    }
}
