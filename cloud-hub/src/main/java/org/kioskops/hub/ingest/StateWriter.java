package org.kioskops.hub.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.kioskops.hub.jdbc.SqlDialect;
import org.kioskops.hub.jdbc.Timestamps;

/**
 * Writes what a batch changed, with one JDBC batch per table: new devices, device state, components,
 * compartments, latest health readings, faults, events, health measurements and availability; devices' answers to
 * other features' orders go to those features' {@link DeviceAnswerStore}s. Runs inside the ingest transaction;
 * {@link #stored} updates the in-memory rows once it committed.
 */
final class StateWriter {
    private final String eventInsert;
    private final String measurementInsert;
    private final long flushIntervalNanos;
    private final List<DeviceAnswerStore> answerStores;

    /**
     * @param flushIntervalNanos how long a non-urgent state change may wait; 0 writes every change
     * @param answerStores the features that store devices' answers to their orders
     */
    StateWriter(SqlDialect dialect, long flushIntervalNanos, List<DeviceAnswerStore> answerStores) {
        this.flushIntervalNanos = flushIntervalNanos;
        this.answerStores = List.copyOf(answerStores);
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
        if (!w.answers.isEmpty()) {
            DeviceAnswers answers = w.answers.snapshot();
            for (DeviceAnswerStore store : answerStores) {
                store.store(c, answers);
            }
        }
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
        try (PreparedStatement insert = c.prepareStatement(DeviceStateColumns.INSERT);
             PreparedStatement update = c.prepareStatement(DeviceStateColumns.UPDATE)) {
            int inserts = 0;
            int updates = 0;
            for (LiveDevice d : w.devices.values()) {
                if (!due(d, now)) {
                    continue;
                }
                w.statesWritten.add(d);
                PreparedStatement s = d.stateStored ? update : insert;
                DeviceStateColumns.bind(s, d);
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
}
