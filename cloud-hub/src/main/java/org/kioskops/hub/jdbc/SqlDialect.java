package org.kioskops.hub.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The few statements that differ between the supported databases. */
public enum SqlDialect {
    H2 {
        @Override
        public String insertIgnoringDuplicates(String table, List<String> columns, List<String> key) {
            // H2's MERGE with KEY replaces the row with identical values: the same effect for a redelivery
            return "merge into " + table + " (" + String.join(", ", columns) + ") key (" + String.join(", ", key)
                    + ") values (" + placeholders(columns.size()) + ")";
        }
    },
    POSTGRESQL {
        @Override
        public String insertIgnoringDuplicates(String table, List<String> columns, List<String> key) {
            return "insert into " + table + " (" + String.join(", ", columns) + ") values (" + placeholders(columns.size())
                    + ") on conflict (" + String.join(", ", key) + ") do nothing";
        }
    };

    /** An insert that leaves an existing row with the same key in place. */
    public abstract String insertIgnoringDuplicates(String table, List<String> columns, List<String> key);

    public static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    public static SqlDialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return POSTGRESQL;
        }
        if (product.contains("h2")) {
            return H2;
        }
        throw new SQLException("unsupported database: " + product + " (KioskOps supports PostgreSQL and H2)");
    }
}
