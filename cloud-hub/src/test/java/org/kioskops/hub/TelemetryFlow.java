package org.kioskops.hub;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.assertj.core.data.Offset;
import org.kioskops.hub.support.Sites;
import org.kioskops.hub.telemetry.jdbc.RetentionJob;
import org.kioskops.hub.telemetry.jdbc.RollupJob;
import org.kioskops.protocol.DeviceMessage;
import org.kioskops.protocol.ProtocolCodec;
import org.kioskops.protocol.ScreenState;
import org.kioskops.protocol.TelemetryBatch;
import org.kioskops.protocol.TelemetrySample;
import org.kioskops.testing.MqttProbe;

/** Telemetry checks shared by the H2 and PostgreSQL runs of the JDBC telemetry store. */
final class TelemetryFlow {
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    private final String run = "tel" + Long.toString(System.nanoTime(), 36);
    private final MqttProbe mqtt;
    private final RollupJob rollups;
    private final RetentionJob retention;
    private final DataSource dataSource;
    /** A minute two hours ago, so that its rollups are closed. */
    private final Instant minute = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);

    TelemetryFlow(MqttProbe mqtt, RollupJob rollups, RetentionJob retention, DataSource dataSource) {
        this.mqtt = mqtt;
        this.rollups = rollups;
        this.retention = retention;
        this.dataSource = dataSource;
    }

    private static TelemetrySample sample(Instant ts, double cpu, int occupied, int total) {
        List<TelemetrySample.CompartmentReading> compartments = new ArrayList<>();
        for (int no = 1; no <= total; no++) {
            compartments.add(new TelemetrySample.CompartmentReading(no, no <= occupied, false));
        }
        return new TelemetrySample(ts, 3600L, new TelemetrySample.ScreenReading(ScreenState.ON, 80),
                List.of(new TelemetrySample.LockerBankReading("A", compartments)), null,
                new TelemetrySample.SystemReading(cpu, 100L, 1000L, 500L, 1000L));
    }

    private void publish(String device, long seq, TelemetrySample... samples) {
        TelemetryBatch batch = new TelemetryBatch(DeviceMessage.VERSION, device, seq, samples[samples.length - 1].ts(), List.of(samples));
        mqtt.publish(batch.topic(), CODEC.encode(batch), false);
    }

    private static JsonPath series(String path, String query) {
        return given().get(path + "/telemetry?" + query).then().statusCode(200).extract().jsonPath();
    }

    private String range(Instant from, Instant to) {
        return "from=" + from + "&to=" + to;
    }

    void device_series_from_raw_samples_and_from_rollups_agree() {
        String site = Sites.chain(run);
        String device = run + "-k1";
        Sites.register(device, site);
        publish(device, 1, sample(minute, 40, 1, 4), sample(minute.plusSeconds(20), 50, 2, 4), sample(minute.plusSeconds(40), 60, 2, 4));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/devices/" + device).then()
                .body("sequence.received", equalTo(1)));
        String path = "/api/devices/" + device;
        String hour = range(minute.minus(30, ChronoUnit.MINUTES), minute.plus(30, ChronoUnit.MINUTES));

        assertThat(series(path, "metric=cpu_temp_c&step=1m&" + hour).getList("[0].points.v", Float.class)).containsExactly(50f);
        assertThat(series(path, "metric=cpu_temp_c&step=1m&agg=last&" + hour).getList("[0].points.v", Float.class)).containsExactly(60f);
        assertThat(series(path, "metric=cpu_temp_c&step=1m&agg=min&" + hour).getList("[0].points.v", Float.class)).containsExactly(40f);
        assertThat(series(path, "metric=cpu_temp_c&step=1m&agg=count&" + hour).getList("[0].points.v", Float.class)).containsExactly(3f);
        assertThat(series(path, "metric=cpu_temp_c&step=1m&" + hour).getString("[0].source")).isEqualTo("raw");
        assertThat(series(path, "metric=cpu_temp_c&step=1m&" + hour).getString("[0].points[0].t")).isEqualTo(minute.toString());

        rollups.run();

        String threeDays = range(minute.minus(2, ChronoUnit.DAYS), minute.plus(1, ChronoUnit.DAYS));
        JsonPath minutes = series(path, "metric=cpu_temp_c,lockers_occupancy_pct&step=1m&" + threeDays);
        assertThat(minutes.getString("[0].source")).isEqualTo("1m");
        assertThat(minutes.getList("[0].points.v", Float.class)).containsExactly(50f);
        assertThat(minutes.getList("[1].points.v", Float.class)).singleElement().satisfies(v -> assertThat(v).isCloseTo(41.666f,
                Offset.offset(0.01f)));
        JsonPath hours = series(path, "metric=cpu_temp_c&step=1h&agg=max&" + threeDays);
        assertThat(hours.getString("[0].source")).isEqualTo("1h");
        assertThat(hours.getList("[0].points.v", Float.class)).containsExactly(60f);
        assertThat(series(path, "metric=cpu_temp_c&step=1h&agg=last&" + threeDays).getList("[0].points.v", Float.class))
                .containsExactly(60f);
        assertThat(series(path, "metric=cpu_temp_c&step=1h&agg=count&" + threeDays).getList("[0].points.v", Float.class))
                .containsExactly(3f);
    }

    void site_occupancy_is_occupied_over_total_of_all_its_kiosks() {
        String site = Sites.chain(run);
        Sites.register(run + "-a", site);
        Sites.register(run + "-b", site);
        publish(run + "-a", 1, sample(minute.plusSeconds(5), 40, 0, 2));
        publish(run + "-b", 1, sample(minute.plusSeconds(15), 60, 3, 6));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/devices/" + run + "-b").then()
                .body("sequence.received", equalTo(1)));
        rollups.run();
        String community = "/api/sites/" + run + "-community";
        String hour = range(minute.minus(30, ChronoUnit.MINUTES), minute.plus(30, ChronoUnit.MINUTES));

        JsonPath site1m = series(community, "metric=lockers_occupancy_pct,lockers_occupied,cpu_temp_c&step=1m&" + hour);
        assertThat(site1m.getString("[0].source")).isEqualTo("1m");
        assertThat(site1m.getList("[0].points.v", Float.class)).containsExactly(37.5f);
        assertThat(site1m.getList("[1].points.v", Float.class)).containsExactly(3f);
        assertThat(site1m.getList("[2].points.v", Float.class)).containsExactly(50f);
        JsonPath raw = series("/api/sites/" + run + "-city", "metric=lockers_occupancy_pct&step=30s&" + hour);
        assertThat(raw.getString("[0].source")).isEqualTo("raw");
        assertThat(raw.getList("[0].points.v", Float.class)).containsExactly(37.5f);
        given().get(community + "/telemetry?metric=lockers_occupancy_pct&agg=last&" + hour).then().statusCode(400)
                .body("code", equalTo("invalid_query"));
    }

    void retention_deletes_raw_samples_past_their_retention_and_keeps_rollups() throws Exception {
        String site = Sites.chain(run);
        String device = run + "-old";
        Sites.register(device, site);
        Instant eightDaysAgo = Instant.now().minus(8, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        publish(device, 1, sample(eightDaysAgo, 45, 1, 2));
        publish(device, 2, sample(minute, 55, 1, 2));
        // a clock a thousand years off: retention once walked to it hour by hour, for ever
        publish(device, 3, sample(Instant.parse("1026-12-03T00:00:00Z"), 50, 1, 2));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/devices/" + device).then()
                .body("sequence.received", equalTo(3)));
        rollups.run();

        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> retention.run(), "retention finishes");

        assertThat(rawSamples(device)).isEqualTo(1);
        String around = range(eightDaysAgo.minus(1, ChronoUnit.HOURS), eightDaysAgo.plus(1, ChronoUnit.HOURS));
        JsonPath old = series("/api/devices/" + device, "metric=cpu_temp_c&step=1m&" + around);
        assertThat(old.getString("[0].source")).isEqualTo("1m");
        assertThat(old.getList("[0].points.v", Float.class)).containsExactly(45f);
    }

    private long rawSamples(String device) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select count(*) from telemetry_sample where device_id = ?")) {
            q.setString(1, device);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
