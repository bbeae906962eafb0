package org.kioskops.hub.telemetry.jdbc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.kioskops.hub.jdbc.SqlDialect;
import org.kioskops.hub.jdbc.Timestamps;
import org.kioskops.hub.telemetry.Aggregation;
import org.kioskops.hub.telemetry.Metric;
import org.kioskops.hub.telemetry.Series;
import org.kioskops.hub.telemetry.SeriesRequest;
import org.kioskops.hub.telemetry.TelemetryConfig;
import org.kioskops.hub.telemetry.TelemetryPoint;
import org.kioskops.hub.telemetry.TelemetryStore;
import org.kioskops.hub.telemetry.TelemetryStoreException;

/**
 * {@link TelemetryStore} in the hub's own database (H2 or PostgreSQL): one row per sample in
 * {@code telemetry_sample}, written in JDBC batches inside the ingest transaction; 1-minute and 1-hour
 * rollups ({@link RollupJob}) for long ranges and site aggregates. On PostgreSQL, add
 * {@code reWriteBatchedInserts=true} to the JDBC URL: it turns a batch into multi-row inserts.
 */
@ApplicationScoped
@Typed(JdbcTelemetryStore.class)
public class JdbcTelemetryStore implements TelemetryStore {
    static final List<String> KEY = List.of("device_id", "seq", "sample_index");
    /** Device queries read raw samples up to this range; longer ranges read rollups. */
    static final Duration RAW_DEVICE_RANGE = Duration.ofDays(2);
    /** Site queries with buckets under a minute read raw samples, up to this range. */
    static final Duration RAW_SITE_RANGE = Duration.ofHours(1);

    private final DataSource dataSource;
    private final RollupTracker rollups;
    private final Clock clock;
    private final Duration rawRetention;
    private volatile String insertSql;

    @Inject
    public JdbcTelemetryStore(DataSource dataSource, RollupTracker rollups, Clock clock, TelemetryConfig config) {
        this.dataSource = dataSource;
        this.rollups = rollups;
        this.clock = clock;
        this.rawRetention = config.retention().raw();
    }

    @Override
    public boolean transactional() {
        return true;
    }

    @Override
    public void write(List<TelemetryPoint> points) {
        if (points.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(insertSql(c))) {
            for (TelemetryPoint p : points) {
                insert.setString(1, p.deviceId());
                insert.setLong(2, p.seq());
                insert.setInt(3, p.sampleIndex());
                Timestamps.set(insert, 4, p.ts());
                int column = 5;
                for (Metric metric : Metric.values()) {
                    Double value = p.values().get(metric);
                    if (value == null) {
                        insert.setNull(column++, Types.DOUBLE);
                    } else {
                        insert.setDouble(column++, value);
                    }
                }
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new TelemetryStoreException("cannot store " + points.size() + " telemetry samples: " + e.getMessage(), false, e);
        }
    }

    @Override
    public void afterCommit(List<TelemetryPoint> points) {
        rollups.touched(points);
    }

    private String insertSql(Connection c) throws SQLException {
        String sql = insertSql;
        if (sql == null) {
            List<String> columns = new ArrayList<>(List.of("device_id", "seq", "sample_index", "ts"));
            for (Metric metric : Metric.values()) {
                columns.add(metric.wire());
            }
            sql = SqlDialect.of(c).insertIgnoringDuplicates("telemetry_sample", columns, KEY);
            insertSql = sql;
        }
        return sql;
    }

    @Override
    public List<Series> query(SeriesRequest request) {
        try (Connection c = dataSource.getConnection()) {
            return request.isSite() ? siteSeries(c, request) : deviceSeries(c, request);
        } catch (SQLException e) {
            throw new TelemetryStoreException("telemetry query failed: " + e.getMessage(), true, e);
        }
    }

    /** The source a query reads: raw samples while they are kept and the range is short, else rollups. */
    String sourceFor(SeriesRequest request) {
        Duration range = Duration.between(request.from(), request.to());
        boolean rawKept = !request.from().isBefore(clock.instant().minus(rawRetention));
        if (request.isSite()) {
            if (request.step().getSeconds() < 60) {
                return "raw";
            }
            return request.step().getSeconds() < 3600 ? "1m" : "1h";
        }
        if (rawKept && range.compareTo(RAW_DEVICE_RANGE) <= 0) {
            return "raw";
        }
        return request.step().getSeconds() < 3600 ? "1m" : "1h";
    }

    private List<Series> deviceSeries(Connection c, SeriesRequest request) throws SQLException {
        String source = sourceFor(request);
        List<Series> result = new ArrayList<>();
        for (Metric metric : request.metrics()) {
            Buckets buckets = new Buckets(request.step().getSeconds());
            String m = metric.wire();
            String sql = source.equals("raw")
                    ? "select ts, " + m + " from telemetry_sample where device_id = ? and ts >= ? and ts < ? and " + m
                    + " is not null order by ts"
                    : "select bucket, samples, " + m + "_avg, " + m + "_min, " + m + "_max, last_ts, " + m + "_last from "
                    + table(source) + " where device_id = ? and bucket >= ? and bucket < ? and " + m + "_avg is not null order by bucket";
            try (PreparedStatement q = c.prepareStatement(sql)) {
                q.setString(1, request.deviceIds().get(0));
                Timestamps.set(q, 2, request.from());
                Timestamps.set(q, 3, request.to());
                try (ResultSet rows = q.executeQuery()) {
                    while (rows.next()) {
                        if (source.equals("raw")) {
                            buckets.add(Timestamps.get(rows, 1), rows.getDouble(2));
                        } else {
                            buckets.addRollup(Timestamps.get(rows, 1), rows.getLong(2), rows.getDouble(3), rows.getDouble(4),
                                    rows.getDouble(5), Timestamps.get(rows, 6), rows.getDouble(7));
                        }
                    }
                }
            }
            result.add(new Series(metric, request.aggregation(), source, buckets.points(request.aggregation())));
        }
        return result;
    }

    private static String table(String source) {
        return source.equals("1m") ? "telemetry_rollup_1m" : "telemetry_rollup_1h";
    }

    /**
     * Site aggregates are computed in the database: first per device and bucket, then across the
     * devices of the subtree as the metric's {@link Metric.SiteAggregation} says.
     */
    private List<Series> siteSeries(Connection c, SeriesRequest request) throws SQLException {
        if (request.aggregation() == Aggregation.LAST) {
            throw new IllegalArgumentException("agg=last is not available for site aggregates; use mean, min, max or count");
        }
        String source = sourceFor(request);
        long step = request.step().getSeconds();
        String time = source.equals("raw") ? "ts" : "bucket";
        String from = source.equals("raw") ? "telemetry_sample" : table(source);
        List<Series> result = new ArrayList<>();
        for (Metric metric : request.metrics()) {
            String perDevice = perDeviceColumns(metric, source);
            String combine = combine(metric, request.aggregation());
            String sql = "select k, " + combine + " from (select floor(extract(epoch from " + time + ") / " + step + ") as k, "
                    + "device_id, " + perDevice + " from " + from + " where device_id in (" + placeholders(request.deviceIds().size())
                    + ") and " + time + " >= ? and " + time + " < ? group by floor(extract(epoch from " + time + ") / " + step
                    + "), device_id) per_device group by k order by k";
            List<Series.Point> points = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement(sql)) {
                int i = 1;
                for (String id : request.deviceIds()) {
                    q.setString(i++, id);
                }
                Timestamps.set(q, i++, request.from());
                Timestamps.set(q, i, request.to());
                try (ResultSet rows = q.executeQuery()) {
                    while (rows.next()) {
                        double value = rows.getDouble(2);
                        if (!rows.wasNull()) {
                            points.add(new Series.Point(Instant.ofEpochSecond(rows.getLong(1) * step), value));
                        }
                    }
                }
            }
            result.add(new Series(metric, request.aggregation(), source, points));
        }
        return result;
    }

    private static String perDeviceColumns(Metric metric, String source) {
        return metricStats("v", metric, source) + ", " + metricStats("occ", Metric.LOCKERS_OCCUPIED, source) + ", "
                + metricStats("tot", Metric.LOCKERS_TOTAL, source);
    }

    private static String metricStats(String alias, Metric metric, String source) {
        String m = metric.wire();
        if (source.equals("raw")) {
            return "avg(" + m + ") as " + alias + "_mean, min(" + m + ") as " + alias + "_min, max(" + m + ") as " + alias
                    + "_max, count(" + m + ") as " + alias + "_count";
        }
        String weight = "case when " + m + "_avg is null then 0 else samples end";
        return "sum(" + m + "_avg * samples) / nullif(sum(" + weight + "), 0) as " + alias + "_mean, min(" + m + "_min) as "
                + alias + "_min, max(" + m + "_max) as " + alias + "_max, sum(" + weight + ") as " + alias + "_count";
    }

    private static String combine(Metric metric, Aggregation aggregation) {
        if (aggregation == Aggregation.COUNT) {
            return "sum(v_count)";
        }
        return switch (metric.siteAggregation()) {
            case RATIO_OF_LOCKERS -> "100.0 * sum(occ_mean) / nullif(sum(tot_mean), 0)";
            case SUM -> switch (aggregation) {
                case MIN -> "sum(v_min)";
                case MAX -> "sum(v_max)";
                default -> "sum(v_mean)";
            };
            case MEAN -> switch (aggregation) {
                case MIN -> "min(v_min)";
                case MAX -> "max(v_max)";
                default -> "avg(v_mean)";
            };
        };
    }

    private static String placeholders(int n) {
        return SqlDialect.placeholders(n);
    }
}
