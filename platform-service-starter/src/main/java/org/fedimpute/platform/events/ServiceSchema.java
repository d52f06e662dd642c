package org.fedimpute.platform.events;

import java.util.regex.Pattern;

/**
 * Qualifies the event tables with the service's schema, which comes from configuration and ends up in SQL text, so
 * it is checked to be a plain name first.
 */
final class ServiceSchema {

    private static final Pattern SCHEMA = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private ServiceSchema() {}

    static String table(String schema, String table) {
        if (schema == null || !SCHEMA.matcher(schema).matches()) {
            throw new IllegalStateException("fedimpute.database.schema must be a plain schema name, not " + schema);
        }
        return schema + "." + table;
    }
}
