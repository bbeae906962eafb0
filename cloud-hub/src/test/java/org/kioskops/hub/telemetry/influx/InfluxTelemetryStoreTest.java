package org.kioskops.hub.telemetry.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kioskops.hub.telemetry.Aggregation;
import org.kioskops.hub.telemetry.Metric;
import org.kioskops.hub.telemetry.Series;
import org.kioskops.hub.telemetry.SeriesRequest;
import org.kioskops.hub.telemetry.TelemetryConfig;
import org.kioskops.hub.telemetry.TelemetryPoint;
import org.kioskops.hub.telemetry.TelemetryStoreException;
import org.kioskops.testing.Ports;

/** The exact requests the InfluxDB adapter sends, and how it treats the answers, against a local fake. */
class InfluxTelemetryStoreTest {
    private final FakeInflux influx = startFake();
    private final InfluxTelemetryStore store = new InfluxTelemetryStore(settings(influx.url(), Duration.ofMillis(1500)));

    private static FakeInflux startFake() {
        try {
            return new FakeInflux();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() {
        store.close();
        influx.close();
    }

    static TelemetryConfig.Influx settings(String url, Duration timeout) {
        return new TelemetryConfig.Influx() {
            @Override
            public String url() {
                return url;
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
                return Optional.of("secret-token");
            }

            @Override
            public Duration timeout() {
                return timeout;
            }
        };
    }

    private static TelemetryPoint point() {
        Map<Metric, Double> values = new EnumMap<>(Metric.class);
        values.put(Metric.CPU_TEMP_C, 51.5);
        values.put(Metric.LOCKERS_OCCUPIED, 3.0);
        return new TelemetryPoint("kiosk-0001", 42, 0, Instant.parse("2026-11-28T10:00:00.250Z"), values,
                Map.of("site", "site-1", "community", "community-1", "district", "district-1"),
                List.of(new TelemetryPoint.BankPoint("A", 3, 24, 1)));
    }

    @Test
    void writes_one_request_of_line_protocol_per_batch_with_token_org_bucket_and_millisecond_precision() {
        store.write(List.of(point()));

        assertThat(influx.writes()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.authorization()).isEqualTo("Token secret-token");
            assertThat(URLDecoder.decode(r.query(), StandardCharsets.UTF_8))
                    .contains("org=city-ops").contains("bucket=kiosks").contains("precision=ms");
            assertThat(r.body().lines()).containsExactly(
                    "kiosk,community=community-1,device=kiosk-0001,district=district-1,site=site-1 cpu_temp_c=51.5,lockers_occupied=3.0 1795860000250",
                    "locker_bank,community=community-1,component=locker:A,device=kiosk-0001,district=district-1,site=site-1 "
                            + "doors_open=1i,occupied=3i,total=24i 1795860000250");
        });
    }

    @ParameterizedTest
    @CsvSource({"500, true", "503, true", "429, true", "401, true", "404, true", "400, false", "413, false", "422, false"})
    void classifies_a_refused_write_as_an_outage_or_as_bad_data(int status, boolean retryable) {
        influx.answerWritesWith(status);

        TelemetryStoreException e = catchThrowableOfType(TelemetryStoreException.class, () -> store.write(List.of(point())));

        assertThat(e).isNotNull();
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.getMessage()).contains("HTTP " + status);
    }

    @Test
    void a_write_that_gets_no_answer_fails_within_the_timeout_as_retryable() {
        influx.hang();
        long start = System.nanoTime();

        TelemetryStoreException e = catchThrowableOfType(TelemetryStoreException.class, () -> store.write(List.of(point())));

        assertThat(e.retryable()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void an_unreachable_server_is_retryable() {
        InfluxTelemetryStore nowhere = new InfluxTelemetryStore(settings("http://127.0.0.1:" + Ports.free(),
                Duration.ofMillis(500)));

        TelemetryStoreException e = catchThrowableOfType(TelemetryStoreException.class, () -> nowhere.write(List.of(point())));

        assertThat(e.retryable()).isTrue();
        nowhere.close();
    }

    @Test
    void queries_a_device_with_aggregate_window_and_reads_the_annotated_csv() throws Exception {
        influx.answerQueriesWith("""
                #datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,double,string,string,string
                #group,false,false,true,true,false,false,true,true,true
                #default,mean,,,,,,,,
                ,result,table,_start,_stop,_time,_value,_field,_measurement,device
                ,,0,2026-11-28T00:00:00Z,2026-11-29T00:00:00Z,2026-11-28T10:00:00Z,50.5,cpu_temp_c,kiosk,kiosk-0001
                ,,0,2026-11-28T00:00:00Z,2026-11-29T00:00:00Z,2026-11-28T10:05:00Z,52,cpu_temp_c,kiosk,kiosk-0001

                """);

        List<Series> series = store.query(new SeriesRequest(List.of("kiosk-0001"), null, List.of(Metric.CPU_TEMP_C),
                Instant.parse("2026-11-28T00:00:00Z"), Instant.parse("2026-11-29T00:00:00Z"), Duration.ofMinutes(5), Aggregation.MEAN));

        assertThat(series).singleElement().satisfies(s -> assertThat(s.points()).containsExactly(
                new Series.Point(Instant.parse("2026-11-28T10:00:00Z"), 50.5),
                new Series.Point(Instant.parse("2026-11-28T10:05:00Z"), 52.0)));
        String body = influx.requests().stream().filter(r -> r.path().equals("/api/v2/query")).findFirst().orElseThrow().body();
        assertThat(new ObjectMapper().readTree(body).get("query").asText()).isEqualTo("""
                from(bucket: "kiosks")
                  |> range(start: 2026-11-28T00:00:00Z, stop: 2026-11-29T00:00:00Z)
                  |> filter(fn: (r) => r._measurement == "kiosk" and r._field == "cpu_temp_c" and r.device == "kiosk-0001")
                  |> aggregateWindow(every: 300s, fn: mean, createEmpty: false, timeSrc: "_start")
                  |> yield(name: "mean")""");
    }

    @Test
    void combines_the_devices_of_a_site_per_window_after_aggregating_each_device() {
        String flux = InfluxSchema.flux("kiosks", new SeriesRequest(List.of("a", "b"), new SeriesRequest.SiteTag("community",
                "community-1"), List.of(Metric.DOORS_OPEN), Instant.parse("2026-11-28T00:00:00Z"),
                Instant.parse("2026-11-28T01:00:00Z"), Duration.ofMinutes(1), Aggregation.MAX), Metric.DOORS_OPEN);

        assertThat(flux).isEqualTo("""
                from(bucket: "kiosks")
                  |> range(start: 2026-11-28T00:00:00Z, stop: 2026-11-28T01:00:00Z)
                  |> filter(fn: (r) => r._measurement == "kiosk" and r._field == "doors_open" and r.community == "community-1")
                  |> aggregateWindow(every: 60s, fn: max, createEmpty: false, timeSrc: "_start")
                  |> group(columns: ["_field"])
                  |> aggregateWindow(every: 60s, fn: sum, createEmpty: false, timeSrc: "_start")
                  |> yield(name: "max")""");
    }
}
