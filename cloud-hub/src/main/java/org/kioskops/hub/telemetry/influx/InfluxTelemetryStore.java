package org.kioskops.hub.telemetry.influx;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.write.Point;
import com.influxdb.exceptions.InfluxException;
import com.influxdb.query.FluxRecord;
import com.influxdb.query.FluxTable;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.kioskops.hub.telemetry.Aggregation;
import org.kioskops.hub.telemetry.Metric;
import org.kioskops.hub.telemetry.Series;
import org.kioskops.hub.telemetry.SeriesRequest;
import org.kioskops.hub.telemetry.TelemetryConfig;
import org.kioskops.hub.telemetry.TelemetryPoint;
import org.kioskops.hub.telemetry.TelemetryStore;
import org.kioskops.hub.telemetry.TelemetryStoreException;

/**
 * {@link TelemetryStore} in InfluxDB 2 (influxdb-client-java). Writes go through the blocking write API,
 * one HTTP request per ingest batch, so that a failure is an exception here and the batch stays
 * unacknowledged; the client's batching WriteApi is not used, because it reports failures only as
 * events and by default drops the oldest points when its buffer fills. Schema: {@link InfluxSchema}.
 */
@ApplicationScoped
@Typed(InfluxTelemetryStore.class)
public class InfluxTelemetryStore implements TelemetryStore {
    private final TelemetryConfig.Influx settings;
    private InfluxDBClient client;

    @Inject
    public InfluxTelemetryStore(TelemetryConfig config) {
        this(config.influx());
    }

    public InfluxTelemetryStore(TelemetryConfig.Influx settings) {
        this.settings = settings;
    }

    private synchronized InfluxDBClient client() {
        if (client == null) {
            long timeout = settings.timeout().toMillis();
            InfluxDBClientOptions.Builder options = InfluxDBClientOptions.builder()
                    .url(settings.url())
                    .org(settings.org())
                    .bucket(settings.bucket())
                    .okHttpClient(new OkHttpClient.Builder()
                            .connectTimeout(timeout, TimeUnit.MILLISECONDS)
                            .readTimeout(timeout, TimeUnit.MILLISECONDS)
                            .writeTimeout(timeout, TimeUnit.MILLISECONDS)
                            .retryOnConnectionFailure(false));
            settings.token().ifPresent(token -> options.authenticateToken(token.toCharArray()));
            client = InfluxDBClientFactory.create(options.build());
        }
        return client;
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public void write(List<TelemetryPoint> points) {
        if (points.isEmpty()) {
            return;
        }
        List<Point> lines = new ArrayList<>(points.size() * 2);
        for (TelemetryPoint p : points) {
            lines.addAll(InfluxSchema.points(p));
        }
        try {
            client().getWriteApiBlocking().writePoints(settings.bucket(), settings.org(), lines);
        } catch (InfluxException e) {
            throw new TelemetryStoreException("InfluxDB refused a write of " + lines.size() + " points (HTTP " + e.status() + "): "
                    + e.getMessage(), retryable(e.status()), e);
        } catch (RuntimeException e) {
            throw new TelemetryStoreException("InfluxDB write failed: " + e, true, e);
        }
    }

    /**
     * Outages and configuration problems (unreachable, timeout, 401/403/404, 429, 5xx) are retried and hold
     * the batch; a refusal of the data itself (400, 413, 422) is not, and rejects the messages.
     */
    static boolean retryable(int status) {
        return !(status == 400 || status == 413 || status == 422);
    }

    @Override
    public List<Series> query(SeriesRequest request) {
        List<Series> result = new ArrayList<>();
        for (Metric metric : request.metrics()) {
            List<Series.Point> points;
            if (request.isSite() && metric.siteAggregation() == Metric.SiteAggregation.RATIO_OF_LOCKERS) {
                points = ratio(request);
            } else {
                points = run(InfluxSchema.flux(settings.bucket(), request, metric));
            }
            result.add(new Series(metric, request.aggregation(), "influx", points));
        }
        return result;
    }

    private List<Series.Point> ratio(SeriesRequest request) {
        SeriesRequest sums = new SeriesRequest(request.deviceIds(), request.site(), request.metrics(), request.from(), request.to(),
                request.step(), Aggregation.MEAN);
        Map<Instant, Double> occupied = toMap(run(InfluxSchema.flux(settings.bucket(), sums, Metric.LOCKERS_OCCUPIED)));
        Map<Instant, Double> total = toMap(run(InfluxSchema.flux(settings.bucket(), sums, Metric.LOCKERS_TOTAL)));
        List<Series.Point> points = new ArrayList<>();
        occupied.forEach((t, o) -> {
            Double all = total.get(t);
            if (all != null && all > 0) {
                points.add(new Series.Point(t, 100.0 * o / all));
            }
        });
        return points;
    }

    private static Map<Instant, Double> toMap(List<Series.Point> points) {
        Map<Instant, Double> map = new TreeMap<>();
        points.forEach(p -> map.put(p.t(), p.value()));
        return map;
    }

    private List<Series.Point> run(String flux) {
        List<FluxTable> tables;
        try {
            tables = client().getQueryApi().query(flux, settings.org());
        } catch (InfluxException e) {
            throw new TelemetryStoreException("InfluxDB query failed (HTTP " + e.status() + "): " + e.getMessage(),
                    retryable(e.status()), e);
        }
        List<Series.Point> points = new ArrayList<>();
        for (FluxTable table : tables) {
            for (FluxRecord record : table.getRecords()) {
                if (record.getValue() instanceof Number n && record.getTime() != null) {
                    points.add(new Series.Point(record.getTime(), n.doubleValue()));
                }
            }
        }
        points.sort(Comparator.comparing(Series.Point::t));
        return points;
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
