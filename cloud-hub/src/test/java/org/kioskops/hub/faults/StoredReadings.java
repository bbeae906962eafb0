package org.kioskops.hub.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the hub stored, read straight from its PostgreSQL schema: the sequence numbers of every device's stored
 * readings (telemetry samples and events), rows stored twice, and the hub's own count of numbers still missing.
 * Also terminates the hub's database connections, as an operator's {@code pg_terminate_backend} or a database
 * failover does.
 */
final class StoredReadings implements AutoCloseable {
    private final Connection db;
    private final String schema;
    private final String prefix;

    /** @param prefix the device ids of the fleet under test start with it */
    StoredReadings(String jdbcUrl, String schema, String prefix) throws SQLException {
        this.db = DriverManager.getConnection(jdbcUrl, "postgres", "");
        this.schema = schema;
        this.prefix = prefix;
    }

    static void createSchema(String jdbcUrl, String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", ""); var s = c.createStatement()) {
            s.execute("create schema " + schema);
        }
    }

    static void dropSchema(String jdbcUrl, String schema) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", ""); var s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
        } catch (SQLException e) {
            // a schema left behind by a failed run is named by its run and harmless
        }
    }

    /** Stored reading numbers by device. */
    Map<String, Set<Long>> bySequence() throws SQLException {
        Map<String, Set<Long>> stored = new HashMap<>();
        try (PreparedStatement q = db.prepareStatement("select device_id, seq from " + schema + ".telemetry_sample where device_id like ? "
                + "union select device_id, seq from " + schema + ".device_event where device_id like ?")) {
            q.setString(1, prefix + "%");
            q.setString(2, prefix + "%");
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    stored.computeIfAbsent(r.getString(1), d -> new HashSet<>()).add(r.getLong(2));
                }
            }
        }
        return stored;
    }

    /** Rows stored more than once for one (device, seq, sample or event). */
    long duplicateRows() throws SQLException {
        return count("select count(*) from (select device_id, seq, sample_index from " + schema + ".telemetry_sample where device_id like ? "
                + "group by device_id, seq, sample_index having count(*) > 1) t")
                + count("select count(*) from (select device_id, seq, event_index from " + schema + ".device_event where device_id like ? "
                + "group by device_id, seq, event_index having count(*) > 1) e");
    }

    /** The hub's own count of sequence numbers missing from the fleet's devices. */
    long missingAtHub() throws SQLException {
        return count("select coalesce(sum(seq_missing), 0) from " + schema + ".device_state where device_id like ?");
    }

    /** The hub's missing ranges of the devices that have any, for a report. */
    Map<String, String> missingRangesAtHub() throws SQLException {
        Map<String, String> ranges = new TreeMap<>();
        try (PreparedStatement q = db.prepareStatement("select device_id, seq_missing_ranges from " + schema
                + ".device_state where device_id like ? and seq_missing > 0")) {
            q.setString(1, prefix + "%");
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    ranges.put(r.getString(1), r.getString(2));
                }
            }
        }
        return ranges;
    }

    /** Terminates every database connection of the application named {@code applicationName}; returns how many. */
    int terminateConnections(String applicationName) throws SQLException {
        try (PreparedStatement q = db.prepareStatement(
                "select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity where application_name = ?")) {
            q.setString(1, applicationName);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private long count(String sql) throws SQLException {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            q.setString(1, prefix + "%");
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
