package org.fedimpute.test.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restartable server cuts its clients off when it restarts and comes back on the same port with its data. */
class PostgresServerTests {

    @Test
    void aRestartCutsConnectionsAndKeepsTheData(@TempDir Path dataDirectory) throws SQLException {
        try (PostgresServer server = PostgresServer.startRestartable(dataDirectory.resolve("data"))) {
            EmbeddedInfra.DatabaseAccess access = server.createDatabase("RestartTests", "gamma");
            int port = server.port();
            try (Connection before = connect(access);
                    Statement sql = before.createStatement()) {
                sql.execute("CREATE TABLE job (id int)");
                sql.execute("INSERT INTO job VALUES (42)");

                server.restart();

                assertThatThrownBy(() -> sql.executeQuery("SELECT 1")).isInstanceOf(SQLException.class);
            }
            assertThat(server.port()).isEqualTo(port);
            try (Connection after = connect(access);
                    Statement sql = after.createStatement();
                    ResultSet rows = sql.executeQuery("SELECT id FROM job")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(42);
            }
        }
    }

    private static Connection connect(EmbeddedInfra.DatabaseAccess access) throws SQLException {
        return DriverManager.getConnection(access.jdbcUrl(), access.username(), access.password());
    }
}
