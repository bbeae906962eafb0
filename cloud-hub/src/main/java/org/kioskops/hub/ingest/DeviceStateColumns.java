package org.kioskops.hub.ingest;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import java.util.List;
import org.kioskops.hub.jdbc.Timestamps;

/**
 * The columns of {@code device_state} the ingest path writes, each declared once with the value it takes from a
 * {@link LiveDevice}: the insert, the update and the binding are all derived from this list, so a column cannot be
 * named without its value or bound in the wrong place. The read-only entity {@code device.DeviceState} maps a subset
 * ({@code DeviceStateColumnsTest} checks it names no column missing here).
 */
final class DeviceStateColumns {
    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement s, int index, LiveDevice d) throws SQLException;
    }

    private record Column(String name, Binder binder) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("connection", (s, i, d) -> s.setString(i, d.connection.name())),
            new Column("offline_reason", (s, i, d) -> s.setString(i, d.offlineReason)),
            new Column("session_no", (s, i, d) -> setLong(s, i, d.session)),
            new Column("connection_since", (s, i, d) -> Timestamps.set(s, i, d.connectionSince)),
            new Column("booted_at", (s, i, d) -> Timestamps.set(s, i, d.bootedAt)),
            new Column("first_seen_at", (s, i, d) -> Timestamps.set(s, i, d.firstSeenAt)),
            new Column("last_seen_at", (s, i, d) -> Timestamps.set(s, i, d.lastSeenAt)),
            new Column("last_device_ts", (s, i, d) -> Timestamps.set(s, i, d.lastDeviceTs)),
            new Column("agent_version", (s, i, d) -> s.setString(i, d.agentVersion)),
            new Column("reported_model", (s, i, d) -> s.setString(i, d.reportedModel)),
            new Column("telemetry_at", (s, i, d) -> Timestamps.set(s, i, d.telemetryAt)),
            new Column("uptime_seconds", (s, i, d) -> setLong(s, i, d.uptimeSeconds)),
            new Column("screen_state", (s, i, d) -> s.setString(i, d.screenState)),
            new Column("screen_brightness", (s, i, d) -> setInt(s, i, d.screenBrightness)),
            new Column("cpu_temp_c", (s, i, d) -> {
                if (d.cpuTempC == null) {
                    s.setNull(i, Types.DOUBLE);
                } else {
                    s.setDouble(i, d.cpuTempC);
                }
            }),
            new Column("mem_used_bytes", (s, i, d) -> setLong(s, i, d.memUsedBytes)),
            new Column("mem_total_bytes", (s, i, d) -> setLong(s, i, d.memTotalBytes)),
            new Column("disk_used_bytes", (s, i, d) -> setLong(s, i, d.diskUsedBytes)),
            new Column("disk_total_bytes", (s, i, d) -> setLong(s, i, d.diskTotalBytes)),
            new Column("seq_epoch", (s, i, d) -> s.setString(i, d.seqEpoch)),
            new Column("seq_highest", (s, i, d) -> setLong(s, i, d.tracker.highest())),
            new Column("seq_missing", (s, i, d) -> s.setLong(i, d.tracker.missing())),
            new Column("seq_missing_ranges", (s, i, d) -> s.setString(i, d.tracker.ranges())),
            new Column("seq_gaps_detected", (s, i, d) -> s.setLong(i, d.tracker.gapsDetected())),
            new Column("seq_recovered", (s, i, d) -> s.setLong(i, d.tracker.recovered())),
            new Column("seq_duplicates", (s, i, d) -> s.setLong(i, d.tracker.duplicates())),
            new Column("seq_received", (s, i, d) -> s.setLong(i, d.tracker.received())),
            new Column("seq_resets", (s, i, d) -> s.setLong(i, d.seqResets)),
            new Column("keep_alive_seconds", (s, i, d) -> setInt(s, i, d.keepAliveSeconds)),
            new Column("agent_started_at", (s, i, d) -> Timestamps.set(s, i, d.agentStartedAt)),
            new Column("clock_skew_ms", (s, i, d) -> setLong(s, i, d.clockSkewMillis)),
            new Column("screen_since", (s, i, d) -> Timestamps.set(s, i, d.screenSince)),
            new Column("updated_at", (s, i, d) -> Timestamps.set(s, i, d.updatedAt)),
            new Column("receipts", (s, i, d) -> s.setBoolean(i, d.receipts)));

    /** Inserts a device's state row; bind with {@link #bind}. */
    static final String INSERT;
    /** Updates a device's state row; bind with {@link #bind}. */
    static final String UPDATE;

    static {
        String names = String.join(", ", names());
        INSERT = "insert into device_state (" + names + ", device_id) values ("
                + String.join(", ", Collections.nCopies(COLUMNS.size() + 1, "?")) + ")";
        UPDATE = "update device_state set " + String.join(" = ?, ", names()) + " = ? where device_id = ?";
    }

    private DeviceStateColumns() {
    }

    /** The column names, in binding order (without {@code device_id}, which comes last). */
    static List<String> names() {
        return COLUMNS.stream().map(Column::name).toList();
    }

    /** Binds every column of {@link #INSERT} or {@link #UPDATE} for {@code d}, its id last. */
    static void bind(PreparedStatement s, LiveDevice d) throws SQLException {
        int i = 1;
        for (Column column : COLUMNS) {
            column.binder().bind(s, i++, d);
        }
        s.setString(i, d.id);
    }

    private static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }

    private static void setInt(PreparedStatement s, int index, Integer value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setInt(index, value);
        }
    }
}
