package org.kioskops.hub.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kioskops.hub.device.Registration;
import org.kioskops.hub.jdbc.Timestamps;

/** Loads devices into memory for the ingest workers: four queries for any number of devices. */
final class LiveDeviceLoader {
    private LiveDeviceLoader() {
    }

    /** The devices among {@code ids} that the registry knows, by id. */
    static Map<String, LiveDevice> load(Connection c, Collection<String> ids) throws SQLException {
        Map<String, LiveDevice> devices = new HashMap<>();
        if (ids.isEmpty()) {
            return devices;
        }
        List<String> list = List.copyOf(ids);
        String in = String.join(", ", Collections.nCopies(list.size(), "?"));
        try (PreparedStatement q = c.prepareStatement("select d.id, d.registration, d.site_id, s.* from device d "
                + "left join device_state s on s.device_id = d.id where d.id in (" + in + ")")) {
            bind(q, list);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    LiveDevice d = new LiveDevice(r.getString("id"));
                    d.registration = Registration.valueOf(r.getString("registration"));
                    d.siteId = r.getString("site_id");
                    d.registered = true;
                    if (r.getString("device_id") != null) {
                        readState(d, r);
                    }
                    devices.put(d.id, d);
                }
            }
        }
        if (devices.isEmpty()) {
            return devices;
        }
        try (PreparedStatement q = c.prepareStatement("select device_id, bank, no, occupied, door_open, reported_at, changed_at, "
                + "door_since, occupied_since from compartment where device_id in (" + in + ")")) {
            bind(q, list);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    LiveDevice d = devices.get(r.getString(1));
                    LiveDevice.CompartmentRow row = new LiveDevice.CompartmentRow(r.getString(2), r.getInt(3));
                    row.occupied = r.getBoolean(4);
                    row.doorOpen = r.getBoolean(5);
                    row.reportedAt = Timestamps.get(r, 6);
                    row.changedAt = Timestamps.get(r, 7);
                    row.doorSince = Timestamps.get(r, 8);
                    row.occupiedSince = Timestamps.get(r, 9);
                    row.stored = true;
                    d.compartments.put(LiveDevice.compartmentKey(row.bank, row.no), row);
                }
            }
        }
        try (PreparedStatement q = c.prepareStatement("select device_id, kind, source, reading, unit, measured_at "
                + "from health_reading where device_id in (" + in + ")")) {
            bind(q, list);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    LiveDevice.HealthRow row = new LiveDevice.HealthRow(r.getString(2));
                    row.source = r.getString(3);
                    row.value = r.getDouble(4);
                    row.unit = r.getString(5);
                    row.measuredAt = Timestamps.get(r, 6);
                    row.stored = true;
                    devices.get(r.getString(1)).health.put(row.kind, row);
                }
            }
        }
        try (PreparedStatement q = c.prepareStatement("select device_id, component, code, detail, raised_at from device_fault "
                + "where cleared_at is null and device_id in (" + in + ")")) {
            bind(q, list);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    LiveDevice.FaultRow row = new LiveDevice.FaultRow(r.getString(2), r.getString(3));
                    row.detail = r.getString(4);
                    row.raisedAt = Timestamps.get(r, 5);
                    row.stored = true;
                    devices.get(r.getString(1)).activeFaults.put(LiveDevice.faultKey(row.component, row.code), row);
                }
            }
        }
        return devices;
    }

    /**
     * Rebuilds the sequence bookkeeping of loaded devices from the messages stored after their state row was last
     * written: state writes of busy devices may lag their messages by a second, and a crash (or a failed write, after
     * which the worker reloads its devices) in that second must not show those stored messages as missing. Looks
     * from the lowest number the row still counts as missing, not only above the highest: a late message that filled
     * a gap in that second is stored too.
     */
    static void reconcile(Connection c, Map<String, LiveDevice> devices) throws SQLException {
        List<LiveDevice> stored = devices.values().stream().filter(d -> d.stateStored).toList();
        if (stored.isEmpty()) {
            return;
        }
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < stored.size(); i++) {
            where.append(i == 0 ? "" : " or ").append("(device_id = ? and seq >= ?)");
        }
        String sql = "select device_id, seq from telemetry_sample where " + where + " union select device_id, seq from device_event where "
                + where + " order by 2";
        try (PreparedStatement q = c.prepareStatement(sql)) {
            int p = 1;
            for (int pass = 0; pass < 2; pass++) {
                for (LiveDevice d : stored) {
                    q.setString(p++, d.id);
                    q.setLong(p++, d.tracker.lowestUnseen());
                }
            }
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    LiveDevice d = devices.get(r.getString(1));
                    long seq = r.getLong(2);
                    if (!d.tracker.seen(seq)) {
                        d.tracker.observe(seq);
                        d.dirty = true;
                    }
                }
            }
        }
    }

    /** Devices waiting for an operator's decision. */
    static long pending(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select count(*) from device where registration = 'PENDING'");
             ResultSet r = q.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void readState(LiveDevice d, ResultSet r) throws SQLException {
        d.stateStored = true;
        d.connection = org.kioskops.hub.device.Connection.valueOf(r.getString("connection"));
        d.offlineReason = r.getString("offline_reason");
        d.session = nullableLong(r, "session_no");
        d.connectionSince = Timestamps.get(r, "connection_since");
        d.bootedAt = Timestamps.get(r, "booted_at");
        d.firstSeenAt = Timestamps.get(r, "first_seen_at");
        d.lastSeenAt = Timestamps.get(r, "last_seen_at");
        d.lastDeviceTs = Timestamps.get(r, "last_device_ts");
        d.agentVersion = r.getString("agent_version");
        d.reportedModel = r.getString("reported_model");
        d.telemetryAt = Timestamps.get(r, "telemetry_at");
        d.uptimeSeconds = nullableLong(r, "uptime_seconds");
        d.screenState = r.getString("screen_state");
        d.screenBrightness = (Integer) r.getObject("screen_brightness", Integer.class);
        d.cpuTempC = (Double) r.getObject("cpu_temp_c", Double.class);
        d.memUsedBytes = nullableLong(r, "mem_used_bytes");
        d.memTotalBytes = nullableLong(r, "mem_total_bytes");
        d.diskUsedBytes = nullableLong(r, "disk_used_bytes");
        d.diskTotalBytes = nullableLong(r, "disk_total_bytes");
        d.seqEpoch = r.getString("seq_epoch");
        d.seqResets = r.getLong("seq_resets");
        d.keepAliveSeconds = (Integer) r.getObject("keep_alive_seconds", Integer.class);
        d.receipts = r.getBoolean("receipts");
        d.agentStartedAt = Timestamps.get(r, "agent_started_at");
        d.clockSkewMillis = nullableLong(r, "clock_skew_ms");
        d.screenSince = Timestamps.get(r, "screen_since");
        d.tracker = new SequenceTracker(nullableLong(r, "seq_highest"), r.getString("seq_missing_ranges"),
                r.getLong("seq_gaps_detected"), r.getLong("seq_recovered"), r.getLong("seq_duplicates"), r.getLong("seq_received"));
        d.updatedAt = Timestamps.get(r, "updated_at");
    }

    private static Long nullableLong(ResultSet r, String column) throws SQLException {
        long value = r.getLong(column);
        return r.wasNull() ? null : value;
    }

    private static void bind(PreparedStatement q, List<String> ids) throws SQLException {
        for (int i = 0; i < ids.size(); i++) {
            q.setString(i + 1, ids.get(i));
        }
    }
}
