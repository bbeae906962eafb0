package org.kioskops.hub;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.support.OwnMosquittoProfile;
import org.kioskops.sim.FleetOptions;
import org.kioskops.sim.FleetPlan;
import org.kioskops.sim.HubRegistrar;
import org.kioskops.sim.SimulatedFleet;
import org.kioskops.sim.traffic.TrafficRecord;
import org.kioskops.sim.traffic.TrafficRemap;
import org.kioskops.sim.traffic.TrafficReplay;
import org.kioskops.sim.traffic.mqtt.PahoRecorder;
import org.kioskops.sim.traffic.mqtt.PahoReplayer;

/**
 * Real kiosk traffic recorded from the hub's broker, then replayed into the same hub three times faster
 * under new device ids: the hub receives every recorded message of each replayed kiosk, with none missing.
 */
@QuarkusTest
@TestProfile(OwnMosquittoProfile.class)
class ReplayIT {
    @TestHTTPResource("/")
    URL hub;

    @Test
    void recorded_traffic_replays_under_new_ids_with_nothing_missing() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        String broker = ConfigProvider.getConfig().getValue("kioskops.mqtt.url", String.class);
        FleetPlan plan = FleetPlan.generate(2, 1, 5, run + "-kiosk", run + "-");
        new HubRegistrar(URI.create(hub.toString())).register(plan);
        Path file = Files.createTempFile("traffic-", ".jsonl");
        List<TrafficRecord> recorded = new CopyOnWriteArrayList<>();

        try (PahoRecorder recorder = PahoRecorder.start(broker, null, null,
                plan.kiosks().stream().map(k -> "kioskops/v1/" + k.deviceId() + "/#").toList(), recorded::add)) {
            SimulatedFleet fleet = SimulatedFleet.start(plan, FleetOptions.defaults(broker).withTelemetryInterval(Duration.ofSeconds(1))
                    .withActivity(0.5).withTick(Duration.ofMillis(500)));
            await().atMost(Duration.ofSeconds(20)).until(() -> recorded.stream().filter(r -> r.topic().endsWith("/telemetry")).count() >= 10);
            fleet.stop(Duration.ofSeconds(5));
            await().atMost(Duration.ofSeconds(10)).until(() -> recorded.stream().filter(r -> r.topic().endsWith("/status")).count() >= 4);
        }
        Files.write(file, recorded.stream().map(TrafficRecord::toJson).toList());
        Instant firstRecorded = recorded.stream().map(TrafficRecord::at).min(Instant::compareTo).orElseThrow();
        Instant lastRecorded = recorded.stream().map(TrafficRecord::at).max(Instant::compareTo).orElseThrow();

        ByteArrayOutputStream report = new ByteArrayOutputStream();
        TrafficReplay.Summary summary = new TrafficReplay(file, secrets -> new PahoReplayer(broker, secrets), URI.create(hub.toString()),
                "rp" + run + "-", 3, false, new PrintStream(report, true, StandardCharsets.UTF_8)).run();

        assertThat(summary.failed()).as(report.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(summary.took()).isGreaterThanOrEqualTo(Duration.between(firstRecorded, lastRecorded).dividedBy(3).multipliedBy(9).dividedBy(10));
        for (FleetPlan.KioskPlan k : plan.kiosks()) {
            String replayed = "rp" + run + "-" + k.deviceId();
            long sent = recorded.stream().filter(r -> TrafficRemap.fromDevice(r.topic()).filter(t -> t.deviceId().equals(k.deviceId())).isPresent())
                    .count();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonPath d = given().get("/api/devices/" + replayed).then().statusCode(200).extract().jsonPath();
                assertThat(d.getLong("sequence.received")).isEqualTo(sent);
                assertThat(d.getLong("sequence.missing")).isZero();
            });
            JsonPath original = given().get("/api/devices/" + k.deviceId()).then().statusCode(200).extract().jsonPath();
            assertThat(given().get("/api/devices/" + replayed).then().extract().jsonPath().getLong("sequence.highest"))
                    .isEqualTo(original.getLong("sequence.highest"));
        }
    }
}
