package org.fedimpute.test.infra;

import java.util.Objects;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ClassUtils;

/**
 * Registers {@link JdbcConnectionDetails} and {@link DataRedisConnectionDetails} for a fresh database and Redis
 * database; Boot's DataSource, Flyway, JPA and Lettuce configuration then use them as they would a container's.
 */
final class EmbeddedInfraContextCustomizer implements ContextCustomizer {

    static final String SCHEMA_PROPERTY = "fedimpute.database.schema";

    private static final boolean JDBC_PRESENT = ClassUtils.isPresent(
            "org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails",
            EmbeddedInfraContextCustomizer.class.getClassLoader());
    private static final boolean REDIS_PRESENT = ClassUtils.isPresent(
            "org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails",
            EmbeddedInfraContextCustomizer.class.getClassLoader());

    private final boolean postgres;
    private final boolean redis;
    private final Class<?> isolationKey;

    EmbeddedInfraContextCustomizer(boolean postgres, boolean redis, Class<?> isolationKey) {
        this.postgres = postgres;
        this.redis = redis;
        this.isolationKey = isolationKey;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
        ConfigurableListableBeanFactory beans = context.getBeanFactory();
        String hint = config.getTestClass().getSimpleName();
        if (postgres && JDBC_PRESENT) {
            String role = context.getEnvironment().getProperty(SCHEMA_PROPERTY);
            beans.registerSingleton("embeddedJdbcConnectionDetails", jdbc(EmbeddedInfra.createDatabase(hint, role)));
        }
        if (redis && REDIS_PRESENT) {
            beans.registerSingleton(
                    "embeddedRedisConnectionDetails",
                    redis(EmbeddedInfra.redisPort(), EmbeddedInfra.nextRedisDatabase()));
        }
        EmbeddedInfra.track(context::isActive);
    }

    private static JdbcConnectionDetails jdbc(EmbeddedInfra.DatabaseAccess access) {
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

    private static DataRedisConnectionDetails redis(int port, int database) {
        return new DataRedisConnectionDetails() {
            @Override
            public Standalone getStandalone() {
                return Standalone.of("127.0.0.1", port, database);
            }
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EmbeddedInfraContextCustomizer that
                && postgres == that.postgres
                && redis == that.redis
                && Objects.equals(isolationKey, that.isolationKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(postgres, redis, isolationKey);
    }
}
