package org.fedimpute.test.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The shared embedded servers, and the separation they give each test class and each service role. */
class EmbeddedInfraTests {

    @Test
    void eachDatabaseIsSeparateAndOwnedByItsServiceRole() throws SQLException {
        EmbeddedInfra.DatabaseAccess first = EmbeddedInfra.createDatabase("FirstTests", "alpha");
        EmbeddedInfra.DatabaseAccess second = EmbeddedInfra.createDatabase("SecondTests", "alpha");
        assertThat(first.jdbcUrl()).isNotEqualTo(second.jdbcUrl());

        try (Connection alpha = connect(first);
                Statement sql = alpha.createStatement()) {
            assertThat(single(sql, "SELECT current_user")).isEqualTo("alpha");
            assertThat(single(sql, "SHOW server_version")).startsWith("17.");
            sql.execute("CREATE TABLE widget (id int)");
            assertThat(single(sql, "SELECT schemaname FROM pg_tables WHERE tablename = 'widget'"))
                    .isEqualTo("alpha");
            assertThatThrownBy(() -> sql.execute("CREATE TABLE public.intruder (id int)"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
        }
        try (Connection other = connect(second);
                Statement sql = other.createStatement()) {
            assertThat(single(sql, "SELECT count(*) FROM pg_tables WHERE tablename = 'widget'"))
                    .isEqualTo("0");
        }
    }

    @Test
    void aServiceRoleMustGiveItsPassword() throws SQLException {
        EmbeddedInfra.DatabaseAccess access = EmbeddedInfra.createDatabase("PasswordTests", "beta");
        assertThatThrownBy(() -> DriverManager.getConnection(access.jdbcUrl(), "beta", "not-the-password"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
        try (Connection beta = connect(access)) {
            assertThat(beta.isValid(1)).isTrue();
        }
    }

    @Test
    void redisAnswersAndHandsOutDistinctDatabases() throws Exception {
        int port = EmbeddedInfra.redisPort();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).isEqualTo("+PONG");
        }
        assertThat(EmbeddedInfra.nextRedisDatabase()).isNotEqualTo(EmbeddedInfra.nextRedisDatabase());
    }

    @Test
    void aRoleNameThatIsNotAPlainIdentifierIsRefused() {
        assertThatThrownBy(() -> ServiceDatabase.requireIdentifier("users; DROP DATABASE x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ServiceDatabase.requireIdentifier("notifications")).isEqualTo("notifications");
    }

    private static Connection connect(EmbeddedInfra.DatabaseAccess access) throws SQLException {
        return DriverManager.getConnection(access.jdbcUrl(), access.username(), access.password());
    }

    private static String single(Statement sql, String query) throws SQLException {
        try (ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getString(1);
        }
    }
}
