package org.fedimpute.platform.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.TransactionException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.client.ResourceAccessException;

/**
 * Tells a failure caused by something the service depends on being away (PostgreSQL restarting or failing over, Redis
 * down, another platform service not answering) from a bug: the first is answered 503 with {@code Retry-After}, which
 * clients and the gateway treat as "try again", the second stays a 500. A peer service that cannot be reached shows
 * as a {@link ResourceAccessException} (the REST client's I/O error: refused, timed out, cut). A store's connection
 * failures are recognised however they reach the controller: translated by Spring
 * ({@link DataAccessResourceFailureException}, which Redis's connection failure also is), as a transaction that could
 * not begin, as Hibernate's failure to commit or roll back on the connection (which is how a connection the server
 * cut mid-transaction surfaces: the rollback fails and replaces the first error), or as the driver's own exception
 * with a connection-class SQLSTATE ({@code 08...}, or {@code 57P0x} when the server is shutting down).
 */
final class DependencyOutage {

    private DependencyOutage() {}

    static boolean isCauseOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ResourceAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof TransactionException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || (cause instanceof SQLException sql && isConnectionState(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable failure) {
        return NestedExceptionUtils.getMostSpecificCause(failure).toString();
    }

    private static boolean isConnectionState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P0"));
    }
}
