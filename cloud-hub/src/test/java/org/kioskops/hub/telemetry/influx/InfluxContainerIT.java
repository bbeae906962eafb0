package org.kioskops.hub.telemetry.influx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.telemetry.Aggregation;
import org.kioskops.hub.telemetry.Metric;
import org.kioskops.hub.telemetry.Series;
import org.kioskops.hub.telemetry.SeriesRequest;
import org.kioskops.hub.telemetry.TelemetryConfig;
import org.kioskops.hub.telemetry.TelemetryPoint;
import org.testcontainers.containers.InfluxDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The adapter against a real InfluxDB 2. Needs Docker: where none runs (as on the KioskOps CI machines),
 * JUnit reports this class as skipped with "Docker is not available"; {@link InfluxTelemetryStoreTest}
 * covers the same code path there against a local HTTP endpoint.
 */
@Testcontainers(disabledWithoutDocker = true)
class InfluxContainerIT {
    @Container
    static final InfluxDBContainer<?> INFLUX = new InfluxDBContainer<>(DockerImageName.parse("influxdb:2.7"))
            .withOrganization("city-ops").withBucket("kiosks").withAdminToken("it-token");

    private static TelemetryConfig.Influx settings() {
        return new TelemetryConfig.Influx() {
            @Override
            public String url() {
                return INFLUX.getUrl();
            }

            @Override
            public String org() {
                return "city-ops";
            }

            @Override
            public String bucket() {
                return "kiosks";
            }

            @Override
            public Optional<String> token() {
                return Optional.of("it-token");
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(10);
            }
        };
    }

    private static TelemetryPoint point(String device, String community, long seq, Instant ts, double temp, int occupied, int total) {
        Map<Metric, Double> values = new EnumMap<>(Metric.class);
        values.put(Metric.CPU_TEMP_C, temp);
        values.put(Metric.LOCKERS_OCCUPIED, (double) occupied);
        values.put(Metric.LOCKERS_TOTAL, (double) total);
        return new TelemetryPoint(device, seq, 0, ts, values, Map.of("community", community), List.of());
    }

    @Test
    void stores_samples_once_and_aggregates_them_per_window_and_per_community() {
        InfluxTelemetryStore store = new InfluxTelemetryStore(settings());
        Instant t = Instant.parse("2026-11-28T10:00:00Z");
        List<TelemetryPoint> points = List.of(
                point("k1", "c1", 1, t, 40, 0, 2), point("k1", "c1", 2, t.plusSeconds(20), 60, 0, 2),
                point("k2", "c1", 1, t.plusSeconds(10), 50, 3, 6));
        store.write(points);
        store.write(points);

        List<Series> device = store.query(new SeriesRequest(List.of("k1"), null, List.of(Metric.CPU_TEMP_C), t, t.plusSeconds(60),
                Duration.ofMinutes(1), Aggregation.MEAN));
        List<Series> count = store.query(new SeriesRequest(List.of("k1"), null, List.of(Metric.CPU_TEMP_C), t, t.plusSeconds(60),
                Duration.ofMinutes(1), Aggregation.COUNT));
        List<Series> occupancy = store.query(new SeriesRequest(List.of("k1", "k2"), new SeriesRequest.SiteTag("community", "c1"),
                List.of(Metric.LOCKERS_OCCUPANCY_PCT), t, t.plusSeconds(60), Duration.ofMinutes(1), Aggregation.MEAN));

        assertThat(device.get(0).points()).containsExactly(new Series.Point(t, 50.0));
        assertThat(count.get(0).points()).containsExactly(new Series.Point(t, 2.0));
        assertThat(occupancy.get(0).points()).containsExactly(new Series.Point(t, 37.5));
        store.close();
    }
}
