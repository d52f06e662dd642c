package org.fedimpute.test.infra;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * Connects a Spring test's context to the JVM's embedded PostgreSQL and Redis through Boot's own connection-details
 * beans, so that {@code application.yml} stays as in production and only the servers differ.
 *
 * <p>The database is connected to as the role named by the property {@code fedimpute.database.schema}, owning a
 * schema of that name, exactly as the service runs everywhere else.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextCustomizerFactories(EmbeddedInfraContextCustomizerFactory.class)
public @interface UseEmbeddedInfra {

    boolean postgres() default true;

    boolean redis() default true;

    Isolation isolation() default Isolation.CLASS;

    /** How far a test's database and Redis database are shared. */
    enum Isolation {
        /** Each test class gets its own context, database and Redis database. */
        CLASS,
        /** Test classes with the same configuration share Spring's cached context and its database. */
        CONTEXT
    }
}
