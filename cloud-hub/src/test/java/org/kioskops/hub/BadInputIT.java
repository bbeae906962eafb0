package org.kioskops.hub;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.support.DeviceMessages;
import org.kioskops.hub.support.OwnMosquittoProfile;
import org.kioskops.protocol.Limits;
import org.kioskops.testing.MqttProbe;

/** Bad input on the wire is refused, counted by reason and never blocks or breaks other devices. */
@QuarkusTest
@TestProfile(OwnMosquittoProfile.class)
class BadInputIT {
    private MqttProbe mqtt;
    private final String run = Long.toString(System.nanoTime(), 36);

    @BeforeEach
    void connect() {
        mqtt = MqttProbe.connect(ConfigProvider.getConfig().getValue("kioskops.mqtt.url", String.class));
        given().contentType("application/json").body(Map.of("kind", "city", "name", "Bad input city"))
                .put("/api/sites/" + run + "-city").then().statusCode(201);
        given().contentType("application/json").body(Map.of("kind", "district", "name", "D", "parentId", run + "-city"))
                .put("/api/sites/" + run + "-d").then().statusCode(201);
        given().contentType("application/json").body(Map.of("kind", "street", "name", "S", "parentId", run + "-d"))
                .put("/api/sites/" + run + "-s").then().statusCode(201);
        given().contentType("application/json").body(Map.of("kind", "community", "name", "C", "parentId", run + "-s"))
                .put("/api/sites/" + run + "-c").then().statusCode(201);
        given().contentType("application/json").body(Map.of("kind", "site", "name", "Site", "parentId", run + "-c"))
                .put("/api/sites/" + run + "-site").then().statusCode(201);
    }

    @AfterEach
    void close() {
        mqtt.close();
    }

    private static long rejected(String reason) {
        Map<String, Integer> rejected = given().get("/api/ingest/stats").then().extract().jsonPath().getMap("rejected");
        return rejected.getOrDefault(reason, 0);
    }

    private static double metric(String line) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith(line + " ")).mapToDouble(l -> Double.parseDouble(l.substring(line.length() + 1)))
                .findFirst().orElse(0);
    }

    @Test
    void refuses_bad_messages_with_a_counted_reason_while_a_good_device_keeps_reporting() {
        String good = run + "-good";
        String bad = run + "-bad";
        given().contentType("application/json").body(Map.of("siteId", run + "-site")).put("/api/devices/" + good).then().statusCode(201);
        given().contentType("application/json").body(Map.of("siteId", run + "-site")).put("/api/devices/" + bad).then().statusCode(201);
        Map<String, Long> before = Map.of(
                "malformed_json", rejected("malformed_json"),
                "wrong_type", rejected("wrong_type"),
                "payload_too_large", rejected("payload_too_large"),
                "device_id_mismatch", rejected("device_id_mismatch"),
                "topic_invalid", rejected("topic_invalid"));
        DeviceMessages device = new DeviceMessages(good, mqtt).connect(4);
        String badTopic = "kioskops/v1/" + bad + "/telemetry";

        for (int i = 0; i < 20; i++) {
            mqtt.publish(badTopic, "{\"v\":\"1.0\",\"deviceId\":");
            mqtt.publish(badTopic, "{\"v\":\"1.0\",\"deviceId\":\"" + bad + "\",\"seq\":\"one\",\"ts\":\"2026-11-28T08:00:00Z\",\"samples\":[]}");
            mqtt.publish(badTopic, new byte[Limits.MAX_PAYLOAD_BYTES + 10], false);
            mqtt.publish(badTopic, DeviceMessages.encode(device.telemetry(4, 1)), false);
            mqtt.publish("kioskops/v1/" + bad + "%/events", "{}");
            // levels the contract does not know reach the hub and are counted, not dropped by the broker unseen
            mqtt.publish("kioskops/v1/" + bad + "/firmware", "{}");
            mqtt.publish("kioskops/v1/" + bad + "/telemetry/extra", "{}");
            // a device posing as the hub on its own subtree
            mqtt.publish("kioskops/v1/" + bad + "/receipt", "{}");
            device.publish(device.telemetry(4, 1, 2));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(rejected("malformed_json") - before.get("malformed_json")).isEqualTo(20);
            assertThat(rejected("wrong_type") - before.get("wrong_type")).isEqualTo(20);
            assertThat(rejected("payload_too_large") - before.get("payload_too_large")).isEqualTo(20);
            assertThat(rejected("device_id_mismatch") - before.get("device_id_mismatch")).isEqualTo(20);
            assertThat(rejected("topic_invalid") - before.get("topic_invalid")).isEqualTo(80);
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/devices/" + good).then()
                .body("device.connection", equalTo("online"))
                .body("device.occupied", equalTo(2))
                .body("sequence.received", equalTo(2 + 20))
                .body("sequence.missing", equalTo(20)));
        given().get("/api/devices/" + bad).then().body("device.connection", equalTo("never_seen"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        assertThat(metric("kioskops_ingest_rejected_total{reason=\"malformed_json\"}")).isGreaterThanOrEqualTo(20);
        List<Map<String, Object>> recent = given().queryParam("deviceId", bad).get("/api/ingest/rejections")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(recent).extracting(r -> r.get("code")).contains("malformed_json", "wrong_type", "payload_too_large",
                "device_id_mismatch", "topic_invalid");
        assertThat(recent).filteredOn(r -> "wrong_type".equals(r.get("code"))).first()
                .satisfies(r -> assertThat(r.get("field")).isEqualTo("seq"));
    }

    @Test
    void a_device_whose_clock_is_centuries_off_costs_no_other_device_a_reading_or_a_duplicate() {
        String control = run + "-control";
        String skewed = run + "-skewed";
        for (String id : List.of(control, skewed)) {
            given().contentType("application/json").body(Map.of("siteId", run + "-site")).put("/api/devices/" + id).then().statusCode(201);
        }
        long failedBefore = rejected("processing_failed");
        DeviceMessages good = new DeviceMessages(control, mqtt).connect(4);
        DeviceMessages off = new DeviceMessages(skewed, mqtt).connect(4);

        for (int i = 0; i < 30; i++) {
            // envelope and sample dated in the year 1: the latency of such a message overflowed once, after it was stored
            String year1 = new String(DeviceMessages.encode(off.telemetry(4, 1)), StandardCharsets.UTF_8)
                    .replaceAll("\"ts\":\"[^\"]+\"", "\"ts\":\"0001-01-01T00:00:00Z\"");
            mqtt.publish("kioskops/v1/" + skewed + "/telemetry", year1);
            good.publish(good.telemetry(4, 1, 2));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/devices/" + control).then()
                .body("sequence.received", equalTo(2 + 30))
                .body("sequence.duplicates", equalTo(0))
                .body("sequence.missing", equalTo(0)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/devices/" + skewed).then()
                .body("sequence.received", equalTo(2 + 30))
                .body("sequence.duplicates", equalTo(0)));
        assertThat(rejected("processing_failed")).isEqualTo(failedBefore);
    }

    @Test
    void names_the_offending_field_of_a_rejected_message_in_the_api() {
        String id = run + "-fieldcheck";
        String payload = "{\"v\":\"1.0\",\"deviceId\":\"" + id + "\",\"seq\":1,\"ts\":\"2026-11-28T08:00:00Z\","
                + "\"samples\":[{\"ts\":\"2026-11-28T08:00:00Z\",\"screen\":{\"state\":\"blinking\"}}]}";

        mqtt.publish("kioskops/v1/" + id + "/telemetry", payload.getBytes(StandardCharsets.UTF_8), false);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().queryParam("deviceId", id)
                .get("/api/ingest/rejections").then()
                .body("[0].code", equalTo("unknown_enum_value"))
                .body("[0].field", equalTo("samples[0].screen.state")));
    }
}
