package org.fedimpute.test.infra;

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
