package org.kioskops.hub.telemetry.jdbc;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.kioskops.hub.jdbc.Timestamps;
import org.kioskops.hub.telemetry.TelemetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes data older than its retention ({@code kioskops.telemetry.retention.*}), hourly, in one-hour
 * slices so that no delete holds a long transaction on a large table. An empty slice jumps to the oldest row left,
 * so that the work follows the rows, not the calendar: a reading a device dated centuries back costs one slice.
 */
@ApplicationScoped
public class RetentionJob {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
    private static final Duration SLICE = Duration.ofHours(1);
    /** Slices per table and run at most (with an hourly run, a backlog of about eleven years); the next run goes on. */
    private static final int MAX_SLICES = 100_000;

    @Inject
    DataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    TelemetryConfig config;

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** Deletes what is past retention now; returns rows deleted per table. */
    public Map<String, Long> run() {
        TelemetryConfig.Retention retention = config.retention();
        Instant now = clock.instant();
        Map<String, Long> deleted = new LinkedHashMap<>();
        if (config.store() == TelemetryConfig.StoreKind.JDBC) {
            deleted.put("telemetry_sample", purge("telemetry_sample", "ts", now.minus(retention.raw())));
            deleted.put("telemetry_rollup_1m", purge("telemetry_rollup_1m", "bucket", now.minus(retention.minute())));
            deleted.put("telemetry_rollup_1h", purge("telemetry_rollup_1h", "bucket", now.minus(retention.hour())));
        }
        deleted.put("device_event", purge("device_event", "occurred_at", now.minus(retention.events())));
        deleted.put("health_measurement", purge("health_measurement", "measured_at", now.minus(retention.health())));
        if (deleted.values().stream().anyMatch(n -> n > 0)) {
            LOG.info("Retention: deleted {}", deleted);
        }
        return deleted;
    }

    private long purge(String table, String column, Instant cutoff) {
        Instant oldest = QuarkusTransaction.requiringNew().call(() -> oldest(table, column));
        long total = 0;
        int slices = 0;
        while (oldest != null && oldest.isBefore(cutoff)) {
            if (++slices > MAX_SLICES) {
                LOG.warn("Retention of {}: {} slices done, the rest before {} waits for the next run", table, MAX_SLICES, cutoff);
                break;
            }
            Instant sliceEnd = Duration.between(oldest, cutoff).compareTo(SLICE) > 0 ? oldest.plus(SLICE) : cutoff;
            Instant from = oldest;
            long deleted = QuarkusTransaction.requiringNew().call(() -> delete(table, column, from, sliceEnd));
            total += deleted;
            if (deleted > 0) {
                oldest = sliceEnd;
            } else {
                // past an empty slice lies a gap in the data: go straight to the next row (never back)
                Instant next = QuarkusTransaction.requiringNew().call(() -> oldest(table, column));
                oldest = next == null || next.isAfter(sliceEnd) ? next : sliceEnd;
            }
        }
        return total;
    }

    private Instant oldest(String table, String column) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select min(" + column + ") from " + table);
             ResultSet rows = q.executeQuery()) {
            return rows.next() ? Timestamps.get(rows, 1) : null;
        }
    }

    private long delete(String table, String column, Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("delete from " + table + " where " + column + " >= ? and " + column + " < ?")) {
            Timestamps.set(delete, 1, from);
            Timestamps.set(delete, 2, to);
            return delete.executeUpdate();
        }
    }
}
