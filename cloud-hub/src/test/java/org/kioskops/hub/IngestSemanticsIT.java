package org.kioskops.hub;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.support.DeviceMessages;
import org.kioskops.hub.support.OwnMosquittoProfile;
import org.kioskops.hub.support.Sites;
import org.kioskops.protocol.TelemetryBatch;
import org.kioskops.testing.MqttProbe;

/** What the hub does with valid messages: unknown devices, duplicates, gaps, faults. */
@QuarkusTest
@TestProfile(OwnMosquittoProfile.class)
class IngestSemanticsIT {
    private final String run = "ing" + Long.toString(System.nanoTime(), 36);
    private MqttProbe mqtt;

    @BeforeEach
    void connect() {
        mqtt = MqttProbe.connect(ConfigProvider.getConfig().getValue("kioskops.mqtt.url", String.class));
    }

    @AfterEach
    void close() {
        mqtt.close();
    }

    private static Map<String, Integer> duplicates() {
        return given().get("/api/ingest/stats").then().extract().jsonPath().getMap("duplicates");
    }

    @Test
    void an_unknown_device_is_kept_pending_with_its_data_until_an_operator_accepts_it() {
        String site = Sites.chain(run);
        String stranger = run + "-stranger";
        DeviceMessages device = new DeviceMessages(stranger, mqtt).connect(3);
        device.publish(device.telemetry(3, 2));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().queryParam("status", "pending").get("/api/devices")
                .then().body("items.id", hasItem(stranger)));
        given().get("/api/devices/" + stranger).then().body("device.registration", equalTo("pending"))
                .body("device.occupied", equalTo(1)).body("device.siteId", equalTo(null));

        given().contentType("application/json").body(Map.of("siteId", site)).post("/api/devices/" + stranger + "/accept")
                .then().statusCode(200).body("registration", equalTo("registered"));

        given().get("/api/sites/" + run + "-city").then().body("counts.online", equalTo(1)).body("counts.total", equalTo(1));
        given().get("/api/devices/" + stranger).then().body("device.occupied", equalTo(1))
                .body("site[4].id", equalTo(site));
    }

    @Test
    void a_rejected_device_is_refused_and_counted() {
        String site = Sites.chain(run);
        String unwanted = run + "-unwanted";
        Sites.register(unwanted, site);
        given().post("/api/devices/" + unwanted + "/reject").then().statusCode(200).body("registration", equalTo("rejected"));
        Map<String, Integer> rejected = given().get("/api/ingest/stats").then().extract().jsonPath().getMap("rejected");
        int before = rejected.getOrDefault("device_rejected", 0);

        new DeviceMessages(unwanted, mqtt).connect(2);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(given().get("/api/ingest/stats").then()
                .extract().jsonPath().getInt("rejected.device_rejected")).isEqualTo(before + 2));
        given().get("/api/devices/" + unwanted).then().body("device.connection", equalTo("never_seen"));
    }

    @Test
    void a_redelivered_message_is_stored_once_and_counted_as_duplicate() {
        String site = Sites.chain(run);
        String id = run + "-k1";
        Sites.register(id, site);
        DeviceMessages device = new DeviceMessages(id, mqtt).connect(2);
        int before = duplicates().getOrDefault("telemetry", 0);
        TelemetryBatch telemetry = device.telemetry(2, 1);

        device.publish(telemetry).publish(telemetry);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/devices/" + id).then()
                .body("sequence.duplicates", equalTo(1))
                .body("sequence.received", equalTo(4)));
        assertThat(duplicates().get("telemetry")).isEqualTo(before + 1);
    }

    @Test
    void lost_messages_show_as_a_gap_that_late_arrivals_fill() {
        String site = Sites.chain(run);
        String id = run + "-k1";
        Sites.register(id, site);
        DeviceMessages device = new DeviceMessages(id, mqtt).connect(2);
        TelemetryBatch late1 = device.telemetry(2, 1);
        TelemetryBatch late2 = device.telemetry(2, 1);
        device.publish(device.telemetry(2, 2));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/devices/" + id).then()
                .body("sequence.missing", equalTo(2))
                .body("sequence.missingRanges", equalTo(late1.seq() + "-" + late2.seq())));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(given().get("/q/metrics").then().extract().asString())
                .contains("kioskops_device_sequence_missing{device=\"" + id + "\"} 2.0"));

        device.publish(late2).publish(late1);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/devices/" + id).then()
                .body("sequence.missing", equalTo(0))
                .body("sequence.recovered", equalTo(2))
                .body("sequence.gapsDetected", equalTo(2))
                .body("device.occupied", equalTo(1))
                .body("lockers[0].compartments[1].occupied", equalTo(true)));
    }

    @Test
    void a_fault_makes_the_device_faulty_up_the_site_tree() {
        String site = Sites.chain(run);
        String id = run + "-k1";
        Sites.register(id, site);
        DeviceMessages device = new DeviceMessages(id, mqtt).connect(2);

        device.publish(device.fault("locker:A:2", "jammed"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/sites/" + run + "-city").then()
                .body("counts.faulty", equalTo(1))
                .body("children[0].children[0].children[0].children[0].counts.faulty", equalTo(1)));
        given().queryParam("site", run + "-district").queryParam("status", "faulty").get("/api/devices").then()
                .body("items.id", hasItem(id)).body("items[0].activeFaults", equalTo(1));
        given().get("/api/devices/" + id + "/events").then().body("[0].type", equalTo("fault_raised"))
                .body("[0].component", equalTo("locker:A:2"));
    }
}
