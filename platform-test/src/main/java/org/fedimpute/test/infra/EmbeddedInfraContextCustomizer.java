package org.fedimpute.test.infra;

import java.util.Map;
import java.util.Objects;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ClassUtils;

/**
 * Registers Boot's JDBC and Redis connection details for a fresh database and Redis database; Boot's DataSource,
 * Flyway, JPA and Lettuce configuration then use them as they would a container's. Each technology's details are
 * built in a class of their own, loaded only where that technology is on the classpath.
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
        // Test contexts close when the test JVM exits: nothing needs draining, and a request a test gave up on must not
        // hold the JVM for the graceful-shutdown period (Surefire kills a fork that takes 30 s to exit).
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("embeddedInfraShutdown", Map.of("server.shutdown", "immediate")));
        ConfigurableListableBeanFactory beans = context.getBeanFactory();
        String hint = config.getTestClass().getSimpleName();
        if (postgres && JDBC_PRESENT) {
            String role = context.getEnvironment().getProperty(SCHEMA_PROPERTY);
            beans.registerSingleton(
                    "embeddedJdbcConnectionDetails",
                    EmbeddedJdbc.connectionDetails(EmbeddedInfra.createDatabase(hint, role)));
        }
        if (redis && REDIS_PRESENT) {
            beans.registerSingleton(
                    "embeddedRedisConnectionDetails",
                    EmbeddedRedis.connectionDetails(EmbeddedInfra.redisPort(), EmbeddedInfra.nextRedisDatabase()));
        }
        EmbeddedInfra.track(context::isActive);
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
