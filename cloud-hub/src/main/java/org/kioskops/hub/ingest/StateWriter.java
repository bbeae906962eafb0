package org.kioskops.hub.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.kioskops.hub.jdbc.SqlDialect;
import org.kioskops.hub.jdbc.Timestamps;

/**
 * Writes what a batch changed, with one JDBC batch per table: new devices, device state, components,
 * compartments, latest health readings, faults, events and health measurements. Runs inside the ingest
 * transaction; {@link #stored} updates the in-memory rows once it committed.
 */
final class StateWriter {
    private static final String STATE_COLUMNS = "connection, offline_reason, session_no, connection_since, booted_at, "
            + "first_seen_at, last_seen_at, last_device_ts, agent_version, reported_model, telemetry_at, uptime_seconds, "
            + "screen_state, screen_brightness, cpu_temp_c, mem_used_bytes, mem_total_bytes, disk_used_bytes, disk_total_bytes, "
            + "seq_epoch, seq_highest, seq_missing, seq_missing_ranges, seq_gaps_detected, seq_recovered, seq_duplicates, "
            + "seq_received, seq_resets, keep_alive_seconds, agent_started_at, clock_skew_ms, screen_since, updated_at, receipts";
    private static final int STATE_COLUMN_COUNT = 34;

    private final String eventInsert;
    private final String measurementInsert;
    private final long flushIntervalNanos;

    /** @param flushIntervalNanos how long a non-urgent state change may wait; 0 writes every change */
    StateWriter(SqlDialect dialect, long flushIntervalNanos) {
        this.flushIntervalNanos = flushIntervalNanos;
        eventInsert = dialect.insertIgnoringDuplicates("device_event", List.of("device_id", "seq", "event_index", "occurred_at",
                "type", "bank", "compartment", "session_id", "health_device", "component", "code", "detail"),
                List.of("device_id", "seq", "event_index"));
        measurementInsert = dialect.insertIgnoringDuplicates("health_measurement", List.of("device_id", "seq", "sample_index",
                "reading_index", "kind", "source", "reading", "unit", "measured_at"),
                List.of("device_id", "seq", "sample_index", "reading_index"));
    }

    void write(Connection c, BatchWrites w) throws SQLException {
        newDevices(c, w);
        states(c, w, System.nanoTime());
        components(c, w);
        compartments(c, w);
        health(c, w);
        faults(c, w);
        events(c, w);
        measurements(c, w);
        AvailabilityWriter.write(c, w);
        configReports(c, w);
        commandAnswers(c, w);
        DeploymentReports.write(c, w, AUDIT_INSERT);
    }


    /**
     * The device's answer is the truth about a command, even one the hub had given up as expired; a command
     * never goes back from an answer to delivered, nor from one final answer to another.
     */
    private static void commandAnswers(Connection c, BatchWrites w) throws SQLException {
        if (w.commandAnswers.isEmpty()) {
            return;
        }
        try (PreparedStatement delivered = c.prepareStatement("update device_command set state = 'DELIVERED', delivered_at = ? "
                + "where id = ? and device_id = ? and state in ('QUEUED', 'EXPIRED')");
             PreparedStatement finished = c.prepareStatement("update device_command set state = ?, detail = ?, result = ?, "
                     + "completed_at = ?, delivered_at = coalesce(delivered_at, ?) "
                     + "where id = ? and device_id = ? and state in ('QUEUED', 'DELIVERED', 'EXPIRED')");
             PreparedStatement audit = c.prepareStatement(AUDIT_INSERT)) {
            for (BatchWrites.CommandAnswer a : w.commandAnswers) {
                if (a.state().equals("DELIVERED")) {
                    Timestamps.set(delivered, 1, a.at());
                    delivered.setLong(2, a.commandId());
                    delivered.setString(3, a.deviceId());
                    delivered.executeUpdate();
                } else {
                    finished.setString(1, a.state());
                    finished.setString(2, a.detail());
                    finished.setString(3, a.data());
                    Timestamps.set(finished, 4, a.at());
                    // an expired command was never delivered
                    Timestamps.set(finished, 5, a.state().equals("EXPIRED") ? null : a.at());
                    finished.setLong(6, a.commandId());
                    finished.setString(7, a.deviceId());
                    if (finished.executeUpdate() == 1) {
                        audit(audit, a.deviceId(), "command." + a.state().toLowerCase(Locale.ROOT), a.at(),
                                "command " + a.commandId() + (a.detail() == null ? "" : ": " + a.detail()));
                    }
                }
            }
            audit.executeBatch();
        }
    }

    /** A report older than the one stored (a late redelivery) does not overwrite it. */
    private static void configReports(Connection c, BatchWrites w) throws SQLException {
        if (w.configReports.isEmpty()) {
            return;
        }
        try (PreparedStatement update = c.prepareStatement("update device_twin set reported_version = ?, reported_outcome = ?, "
                + "reported_reason = ?, active_version = ?, reported_at = ? where device_id = ? and (reported_at is null or reported_at <= ?)")) {
            for (BatchWrites.ConfigReport r : w.configReports) {
                update.setString(1, r.version());
                update.setString(2, r.outcome());
                update.setString(3, r.reason());
                update.setString(4, r.active());
                Timestamps.set(update, 5, r.at());
                update.setString(6, r.deviceId());
                Timestamps.set(update, 7, r.at());
                update.addBatch();
            }
            update.executeBatch();
        }
        try (PreparedStatement audit = c.prepareStatement(AUDIT_INSERT)) {
            for (BatchWrites.ConfigReport r : w.configReports) {
                audit(audit, r.deviceId(), "config." + r.outcome(), r.at(), "version " + r.version()
                        + (r.reason() == null ? "" : ": " + r.reason()));
            }
            audit.executeBatch();
        }
    }

    private static final String AUDIT_INSERT = "insert into audit_event (at, actor, action, target, detail) values (?, ?, ?, ?, ?)";

    /** The device's own part in what the audit log records about it: answers to settings and commands. */
    static void audit(PreparedStatement insert, String deviceId, String action, Instant at, String detail)
            throws SQLException {
        Timestamps.set(insert, 1, at);
        insert.setString(2, "device:" + deviceId);
        insert.setString(3, action);
        insert.setString(4, "device:" + deviceId);
        insert.setString(5, detail.length() <= 1000 ? detail : detail.substring(0, 997) + "...");
        insert.addBatch();
    }

    private static void newDevices(Connection c, BatchWrites w) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "insert into device (id, registration, created_at, updated_at) values (?, ?, ?, ?)")) {
            int n = 0;
            for (LiveDevice d : w.devices.values()) {
                if (!d.registered) {
                    insert.setString(1, d.id);
                    insert.setString(2, d.registration.name());
                    Timestamps.set(insert, 3, d.updatedAt);
                    Timestamps.set(insert, 4, d.updatedAt);
                    insert.addBatch();
                    n++;
                }
            }
            if (n > 0) {
                insert.executeBatch();
            }
        }
    }

    /** Whether a device's state row is written now or may wait. */
    boolean due(LiveDevice d, long now) {
        return d.dirty && (!d.stateStored || d.urgent || flushIntervalNanos == 0 || now - d.stateWrittenAt >= flushIntervalNanos);
    }

    private void states(Connection c, BatchWrites w, long now) throws SQLException {
        String placeholders = String.join(", ", Collections.nCopies(STATE_COLUMN_COUNT, "?"));
        String assignments = String.join(" = ?, ", STATE_COLUMNS.split(", ")) + " = ?";
        try (PreparedStatement insert = c.prepareStatement("insert into device_state (" + STATE_COLUMNS + ", device_id) values ("
                + placeholders + ", ?)");
             PreparedStatement update = c.prepareStatement("update device_state set " + assignments + " where device_id = ?")) {
            int inserts = 0;
            int updates = 0;
            for (LiveDevice d : w.devices.values()) {
                if (!due(d, now)) {
                    continue;
                }
                w.statesWritten.add(d);
                PreparedStatement s = d.stateStored ? update : insert;
                bindState(s, d);
                s.setString(STATE_COLUMN_COUNT + 1, d.id);
                s.addBatch();
                if (d.stateStored) {
                    updates++;
                } else {
                    inserts++;
                }
            }
            if (inserts > 0) {
                insert.executeBatch();
            }
            if (updates > 0) {
                update.executeBatch();
            }
        }
    }

    private static void bindState(PreparedStatement s, LiveDevice d) throws SQLException {
        SequenceTracker t = d.tracker;
        int i = 1;
        s.setString(i++, d.connection.name());
        s.setString(i++, d.offlineReason);
        setLong(s, i++, d.session);
        Timestamps.set(s, i++, d.connectionSince);
        Timestamps.set(s, i++, d.bootedAt);
        Timestamps.set(s, i++, d.firstSeenAt);
        Timestamps.set(s, i++, d.lastSeenAt);
        Timestamps.set(s, i++, d.lastDeviceTs);
        s.setString(i++, d.agentVersion);
        s.setString(i++, d.reportedModel);
        Timestamps.set(s, i++, d.telemetryAt);
        setLong(s, i++, d.uptimeSeconds);
        s.setString(i++, d.screenState);
        if (d.screenBrightness == null) {
            s.setNull(i++, Types.INTEGER);
        } else {
            s.setInt(i++, d.screenBrightness);
        }
        if (d.cpuTempC == null) {
            s.setNull(i++, Types.DOUBLE);
        } else {
            s.setDouble(i++, d.cpuTempC);
        }
        setLong(s, i++, d.memUsedBytes);
        setLong(s, i++, d.memTotalBytes);
        setLong(s, i++, d.diskUsedBytes);
        setLong(s, i++, d.diskTotalBytes);
        s.setString(i++, d.seqEpoch);
        setLong(s, i++, t.highest());
        s.setLong(i++, t.missing());
        s.setString(i++, t.ranges());
        s.setLong(i++, t.gapsDetected());
        s.setLong(i++, t.recovered());
        s.setLong(i++, t.duplicates());
        s.setLong(i++, t.received());
        s.setLong(i++, d.seqResets);
        if (d.keepAliveSeconds == null) {
            s.setNull(i++, Types.INTEGER);
        } else {
            s.setInt(i++, d.keepAliveSeconds);
        }
        Timestamps.set(s, i++, d.agentStartedAt);
        setLong(s, i++, d.clockSkewMillis);
        Timestamps.set(s, i++, d.screenSince);
        Timestamps.set(s, i++, d.updatedAt);
        s.setBoolean(i, d.receipts);
    }

    private static void components(Connection c, BatchWrites w) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("delete from device_component where device_id = ?");
             PreparedStatement insert = c.prepareStatement(
                     "insert into device_component (device_id, component_id, kind, model, size) values (?, ?, ?, ?, ?)")) {
            int n = 0;
            for (LiveDevice d : w.devices.values()) {
                if (d.newComponents == null) {
                    continue;
                }
                delete.setString(1, d.id);
                delete.executeUpdate();
                for (LiveDevice.ComponentRow row : d.newComponents) {
                    insert.setString(1, d.id);
                    insert.setString(2, row.id());
                    insert.setString(3, row.kind());
                    insert.setString(4, row.model());
                    if (row.size() == null) {
                        insert.setNull(5, Types.INTEGER);
                    } else {
                        insert.setInt(5, row.size());
                    }
                    insert.addBatch();
                    n++;
                }
            }
            if (n > 0) {
                insert.executeBatch();
            }
        }
    }

    private static void compartments(Connection c, BatchWrites w) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into compartment (occupied, door_open, reported_at, changed_at, "
                + "door_since, occupied_since, device_id, bank, no) values (?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement update = c.prepareStatement("update compartment set occupied = ?, door_open = ?, reported_at = ?, "
                     + "changed_at = ?, door_since = ?, occupied_since = ? where device_id = ? and bank = ? and no = ?");
             PreparedStatement delete = c.prepareStatement("delete from compartment where device_id = ? and bank = ? and no = ?")) {
            int[] counts = new int[3];
            for (LiveDevice d : w.devices.values()) {
                for (LiveDevice.CompartmentRow row : d.compartments.values()) {
                    if (!row.dirty) {
                        continue;
                    }
                    if (row.removed) {
                        if (row.stored) {
                            delete.setString(1, d.id);
                            delete.setString(2, row.bank);
                            delete.setInt(3, row.no);
                            delete.addBatch();
                            counts[2]++;
                        }
                        continue;
                    }
                    PreparedStatement s = row.stored ? update : insert;
                    s.setBoolean(1, row.occupied);
                    s.setBoolean(2, row.doorOpen);
                    Timestamps.set(s, 3, row.reportedAt);
                    Timestamps.set(s, 4, row.changedAt);
                    Timestamps.set(s, 5, row.doorSince);
                    Timestamps.set(s, 6, row.occupiedSince);
                    s.setString(7, d.id);
                    s.setString(8, row.bank);
                    s.setInt(9, row.no);
                    s.addBatch();
                    counts[row.stored ? 1 : 0]++;
                }
            }
            if (counts[0] > 0) {
                insert.executeBatch();
            }
            if (counts[1] > 0) {
                update.executeBatch();
            }
            if (counts[2] > 0) {
                delete.executeBatch();
            }
        }
    }

    private static void health(Connection c, BatchWrites w) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into health_reading (source, reading, unit, measured_at, "
                + "device_id, kind) values (?, ?, ?, ?, ?, ?)");
             PreparedStatement update = c.prepareStatement("update health_reading set source = ?, reading = ?, unit = ?, "
                     + "measured_at = ? where device_id = ? and kind = ?")) {
            int[] counts = new int[2];
            for (LiveDevice d : w.devices.values()) {
                for (LiveDevice.HealthRow row : d.health.values()) {
                    if (!row.dirty) {
                        continue;
                    }
                    PreparedStatement s = row.stored ? update : insert;
                    s.setString(1, row.source);
                    s.setDouble(2, row.value);
                    s.setString(3, row.unit);
                    Timestamps.set(s, 4, row.measuredAt);
                    s.setString(5, d.id);
                    s.setString(6, row.kind);
                    s.addBatch();
                    counts[row.stored ? 1 : 0]++;
                }
            }
            if (counts[0] > 0) {
                insert.executeBatch();
            }
            if (counts[1] > 0) {
                update.executeBatch();
            }
        }
    }

    private static void faults(Connection c, BatchWrites w) throws SQLException {
        if (!w.raisedFaults.isEmpty()) {
            try (PreparedStatement insert = c.prepareStatement("insert into device_fault (device_id, component, code, detail, "
                    + "raised_at, cleared_at) values (?, ?, ?, ?, ?, ?)")) {
                for (BatchWrites.RaisedFault raised : w.raisedFaults) {
                    LiveDevice.FaultRow f = raised.fault();
                    insert.setString(1, raised.deviceId());
                    insert.setString(2, f.component);
                    insert.setString(3, f.code);
                    insert.setString(4, f.detail);
                    Timestamps.set(insert, 5, f.raisedAt);
                    Timestamps.set(insert, 6, f.clearedAt);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        if (!w.clearedFaults.isEmpty()) {
            try (PreparedStatement update = c.prepareStatement("update device_fault set cleared_at = ? where device_id = ? "
                    + "and component = ? and code = ? and cleared_at is null")) {
                for (BatchWrites.ClearedFault cleared : w.clearedFaults) {
                    Timestamps.set(update, 1, cleared.clearedAt());
                    update.setString(2, cleared.deviceId());
                    update.setString(3, cleared.component());
                    update.setString(4, cleared.code());
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
    }

    private void events(Connection c, BatchWrites w) throws SQLException {
        if (w.events.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement(eventInsert)) {
            for (BatchWrites.EventRow e : w.events) {
                insert.setString(1, e.deviceId());
                insert.setLong(2, e.seq());
                insert.setInt(3, e.index());
                Timestamps.set(insert, 4, e.at());
                insert.setString(5, e.type());
                insert.setString(6, e.bank());
                if (e.compartment() == null) {
                    insert.setNull(7, Types.INTEGER);
                } else {
                    insert.setInt(7, e.compartment());
                }
                insert.setString(8, e.session());
                insert.setString(9, e.healthDevice());
                insert.setString(10, e.component());
                insert.setString(11, e.code());
                insert.setString(12, e.detail());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void measurements(Connection c, BatchWrites w) throws SQLException {
        if (w.measurements.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement(measurementInsert)) {
            for (BatchWrites.HealthMeasurement m : w.measurements) {
                insert.setString(1, m.deviceId());
                insert.setLong(2, m.seq());
                insert.setInt(3, m.sampleIndex());
                insert.setInt(4, m.readingIndex());
                insert.setString(5, m.kind());
                insert.setString(6, m.source());
                insert.setDouble(7, m.value());
                insert.setString(8, m.unit());
                Timestamps.set(insert, 9, m.measuredAt());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** After the commit: the in-memory rows now match the database. */
    void stored(BatchWrites w) {
        long now = System.nanoTime();
        for (LiveDevice d : w.statesWritten) {
            d.stateStored = true;
            d.dirty = false;
            d.urgent = false;
            // jitter, so that devices first written together do not all fall due in the same batch
            d.stateWrittenAt = flushIntervalNanos == 0 ? now
                    : now - ThreadLocalRandom.current().nextLong(flushIntervalNanos / 2 + 1);
        }
        for (LiveDevice d : w.devices.values()) {
            d.registered = true;
            d.newComponents = null;
            Iterator<LiveDevice.CompartmentRow> rows = d.compartments.values().iterator();
            while (rows.hasNext()) {
                LiveDevice.CompartmentRow row = rows.next();
                if (row.removed) {
                    rows.remove();
                } else {
                    row.stored = true;
                    row.dirty = false;
                }
            }
            d.health.values().forEach(h -> {
                h.stored = true;
                h.dirty = false;
            });
            d.activeFaults.values().forEach(f -> f.stored = true);
        }
    }

    private static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }
}
