package org.kioskops.hub.telemetry.jdbc;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.kioskops.hub.jdbc.Timestamps;
import org.kioskops.hub.telemetry.Metric;
import org.kioskops.hub.telemetry.TelemetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the 1-minute and 1-hour rollups of the minutes that received samples, from the raw samples:
 * recomputing a whole bucket makes the job idempotent and lets late samples land in the right bucket.
 * Runs every {@code kioskops.telemetry.rollup-every}; after a restart it catches up from its watermark.
 */
@ApplicationScoped
public class RollupJob {
    private static final Logger LOG = LoggerFactory.getLogger(RollupJob.class);
    private static final int DEVICES_PER_STATEMENT = 500;
    /** A restart recomputes this far before the watermark, for samples committed just before it. */
    private static final Duration CATCH_UP_MARGIN = Duration.ofMinutes(5);

    @Inject
    DataSource dataSource;

    @Inject
    RollupTracker tracker;

    @Inject
    Clock clock;

    @Inject
    TelemetryConfig config;

    private final String minuteSql = minuteRollupSql();
    private final String hourSql = hourRollupSql();

    void catchUp(@Observes StartupEvent event) {
        if (config.store() != TelemetryConfig.StoreKind.JDBC) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection()) {
                Instant watermark = watermark(c);
                if (watermark == null) {
                    return;
                }
                Instant from = watermark.minus(CATCH_UP_MARGIN);
                try (PreparedStatement q = c.prepareStatement(
                        "select device_id, min(ts), max(ts) from telemetry_sample where ts >= ? group by device_id")) {
                    Timestamps.set(q, 1, from);
                    try (ResultSet rows = q.executeQuery()) {
                        while (rows.next()) {
                            tracker.mark(rows.getString(1), minute(Timestamps.get(rows, 2)), minute(Timestamps.get(rows, 3)));
                        }
                    }
                }
                LOG.info("Rollups: catching up on samples since {}", from);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the rollup watermark", e);
            }
        });
    }

    @Scheduled(every = "${kioskops.telemetry.rollup-every:60s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = JdbcStoreInactive.class)
    void scheduled() {
        run();
    }

    /** Rolls up everything marked so far; returns the number of devices processed. */
    public int run() {
        Instant started = clock.instant();
        Map<RollupTracker.Range, List<String>> groups = new LinkedHashMap<>();
        tracker.drain().forEach((device, range) -> groups.computeIfAbsent(range, r -> new ArrayList<>()).add(device));
        int devices = 0;
        for (Map.Entry<RollupTracker.Range, List<String>> group : groups.entrySet()) {
            List<String> ids = group.getValue();
            for (int i = 0; i < ids.size(); i += DEVICES_PER_STATEMENT) {
                List<String> chunk = ids.subList(i, Math.min(ids.size(), i + DEVICES_PER_STATEMENT));
                try {
                    QuarkusTransaction.requiringNew().run(() -> rollUp(chunk, group.getKey()));
                    devices += chunk.size();
                } catch (RuntimeException e) {
                    LOG.warn("Rollup of {} devices failed ({}); they are retried in the next run", chunk.size(), e.toString());
                    chunk.forEach(id -> tracker.mark(id, group.getKey().firstMinute().getEpochSecond(),
                            group.getKey().lastMinute().getEpochSecond()));
                }
            }
        }
        QuarkusTransaction.requiringNew().run(() -> saveWatermark(started));
        if (devices > 0) {
            LOG.debug("Rolled up {} devices in {} ms", devices, Duration.between(started, clock.instant()).toMillis());
        }
        return devices;
    }

    private void rollUp(List<String> devices, RollupTracker.Range range) {
        Instant firstMinute = range.firstMinute();
        Instant endMinute = range.lastMinute().plusSeconds(60);
        Instant firstHour = Instant.ofEpochSecond(Math.floorDiv(firstMinute.getEpochSecond(), 3600) * 3600);
        Instant endHour = Instant.ofEpochSecond(Math.floorDiv(range.lastMinute().getEpochSecond(), 3600) * 3600 + 3600);
        try (Connection c = dataSource.getConnection()) {
            replace(c, "telemetry_rollup_1m", minuteSql, devices, firstMinute, endMinute);
            replace(c, "telemetry_rollup_1h", hourSql, devices, firstHour, endHour);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static void replace(Connection c, String table, String insertSql, List<String> devices, Instant from, Instant to)
            throws SQLException {
        String in = String.join(", ", Collections.nCopies(devices.size(), "?"));
        try (PreparedStatement delete = c.prepareStatement(
                "delete from " + table + " where device_id in (" + in + ") and bucket >= ? and bucket < ?")) {
            bind(delete, devices, from, to);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement(insertSql.replace("#DEVICES#", in))) {
            bind(insert, devices, from, to);
            insert.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, List<String> devices, Instant from, Instant to) throws SQLException {
        int i = 1;
        for (String device : devices) {
            statement.setString(i++, device);
        }
        Timestamps.set(statement, i++, from);
        Timestamps.set(statement, i, to);
    }

    private static String columns() {
        StringBuilder columns = new StringBuilder("device_id, bucket, samples, last_ts");
        for (Metric m : Metric.values()) {
            String n = m.wire();
            columns.append(", ").append(n).append("_avg, ").append(n).append("_min, ").append(n).append("_max, ")
                    .append(n).append("_last");
        }
        return columns.toString();
    }

    /** Minute buckets from raw samples; window functions give every aggregate and the newest value. */
    static String minuteRollupSql() {
        String bucket = "date_trunc('minute', ts)";
        String w = "over (partition by device_id, " + bucket + ")";
        String newest = "over (partition by device_id, " + bucket + " order by ts desc)";
        StringBuilder select = new StringBuilder("select device_id, " + bucket + " as bucket, count(*) " + w + " as samples, max(ts) "
                + w + " as last_ts");
        for (Metric m : Metric.values()) {
            String n = m.wire();
            select.append(", avg(").append(n).append(") ").append(w).append(" as ").append(n).append("_avg")
                    .append(", min(").append(n).append(") ").append(w).append(" as ").append(n).append("_min")
                    .append(", max(").append(n).append(") ").append(w).append(" as ").append(n).append("_max")
                    .append(", first_value(").append(n).append(") ").append(newest).append(" as ").append(n).append("_last");
        }
        select.append(", row_number() ").append(newest).append(" as rn from telemetry_sample where device_id in (#DEVICES#)")
                .append(" and ts >= ? and ts < ?");
        return "insert into telemetry_rollup_1m (" + columns() + ") select " + columns() + " from (" + select + ") x where rn = 1";
    }

    /** Hour buckets from minute buckets: means weighted by sample counts. */
    static String hourRollupSql() {
        String bucket = "date_trunc('hour', bucket)";
        String w = "over (partition by device_id, " + bucket + ")";
        String newest = "over (partition by device_id, " + bucket + " order by last_ts desc)";
        StringBuilder select = new StringBuilder("select device_id, " + bucket + " as bucket, sum(samples) " + w
                + " as samples, max(last_ts) " + w + " as last_ts");
        for (Metric m : Metric.values()) {
            String n = m.wire();
            String weight = "case when " + n + "_avg is null then 0 else samples end";
            select.append(", sum(").append(n).append("_avg * samples) ").append(w).append(" / nullif(sum(").append(weight)
                    .append(") ").append(w).append(", 0) as ").append(n).append("_avg")
                    .append(", min(").append(n).append("_min) ").append(w).append(" as ").append(n).append("_min")
                    .append(", max(").append(n).append("_max) ").append(w).append(" as ").append(n).append("_max")
                    .append(", first_value(").append(n).append("_last) ").append(newest).append(" as ").append(n).append("_last");
        }
        select.append(", row_number() ").append(newest).append(" as rn from telemetry_rollup_1m where device_id in (#DEVICES#)")
                .append(" and bucket >= ? and bucket < ?");
        return "insert into telemetry_rollup_1h (" + columns() + ") select " + columns() + " from (" + select + ") x where rn = 1";
    }

    private static long minute(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), 60) * 60;
    }

    private static Instant watermark(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select watermark from rollup_watermark where name = 'telemetry'");
             ResultSet rows = q.executeQuery()) {
            return rows.next() ? Timestamps.get(rows, 1) : null;
        }
    }

    private void saveWatermark(Instant at) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement update = c.prepareStatement("update rollup_watermark set watermark = ? where name = 'telemetry'")) {
                Timestamps.set(update, 1, at);
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = c.prepareStatement(
                            "insert into rollup_watermark (name, watermark) values ('telemetry', ?)")) {
                        Timestamps.set(insert, 1, at);
                        insert.executeUpdate();
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot save the rollup watermark", e);
        }
    }
}
