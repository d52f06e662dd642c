package org.fedimpute.test.infra;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/** Boot's JDBC connection details for an embedded test database; loaded only where Boot's JDBC support is. */
final class EmbeddedJdbc {

    private EmbeddedJdbc() {}

    static JdbcConnectionDetails connectionDetails(EmbeddedInfra.DatabaseAccess access) {
        return new JdbcConnectionDetails() {
            @Override
            public String getJdbcUrl() {
                return access.jdbcUrl();
            }

            @Override
            public String getUsername() {
                return access.username();
            }

            @Override
            public String getPassword() {
                return access.password();
            }
        };
    }
}
