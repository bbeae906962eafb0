package org.kioskops.hub.audit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import org.kioskops.hub.jdbc.Timestamps;

/**
 * Audit entries written with plain JDBC, in the batch of a caller that already holds a connection (the ingest path):
 * what a device itself did, such as answering a command or applying a configuration.
 */
public final class AuditRows {
    private static final int MAX_DETAIL = 1000;

    private AuditRows() {
    }

    /** A statement to add device actions to with {@link #addDeviceAction}, then {@code executeBatch()}. */
    public static PreparedStatement prepare(Connection c) throws SQLException {
        return c.prepareStatement("insert into audit_event (at, actor, action, target, detail) values (?, ?, ?, ?, ?)");
    }

    /** Adds one action of device {@code deviceId} on itself to the statement's batch. */
    public static void addDeviceAction(PreparedStatement insert, String deviceId, String action, Instant at, String detail)
            throws SQLException {
        Timestamps.set(insert, 1, at);
        insert.setString(2, "device:" + deviceId);
        insert.setString(3, action);
        insert.setString(4, "device:" + deviceId);
        insert.setString(5, detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 3) + "...");
        insert.addBatch();
    }
}
