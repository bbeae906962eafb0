package org.kioskops.hub;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.support.DeviceMessages;
import org.kioskops.hub.support.OwnMosquittoProfile;
import org.kioskops.protocol.Birth;
import org.kioskops.protocol.Status;
import org.kioskops.testing.MqttProbe;

/**
 * Liveness with cause, through a real broker: devices that fall silent are taken offline, and the cause of an
 * outage is learned when the device comes back; every transition lands in the device's availability history.
 */
@QuarkusTest
@TestProfile(OwnMosquittoProfile.class)
class LivenessIT {
    private static final Instant BOOT = Instant.parse("2026-11-28T06:00:00Z");
    private static final Instant START = Instant.parse("2026-11-28T06:00:40Z");

    private final String run = Long.toString(System.nanoTime(), 36);
    private MqttProbe mqtt;

    @BeforeEach
    void connect() {
        mqtt = MqttProbe.connect(ConfigProvider.getConfig().getValue("kioskops.mqtt.url", String.class));
    }

    @AfterEach
    void disconnect() {
        mqtt.close();
    }

    @Test
    void a_device_that_sends_nothing_for_its_keep_alive_goes_offline_as_silent_and_is_back_with_its_next_heartbeat() {
        // a device of contract 1.0 declares no keep-alive: silent only after kioskops.liveness.silence-without-keep-alive (10 min)
        String id = run + "-silent";
        String old = run + "-contract-1.0";
        DeviceMessages device = new DeviceMessages(id, mqtt).connect(BOOT, START, Birth.LastStop.CLEAN, 5);
        new DeviceMessages(old, mqtt).connect(4);
        await("online").atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertConnection(id, "online", null));

        // deadline: 1.5 x 5 s + a 4 s margin after the last message, so still online 6 s on
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(7)).untilAsserted(() -> assertConnection(id, "online", null));
        await("silent").atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertConnection(id, "offline", "silent"));
        assertConnection(old, "online", null);

        device.heartbeat();
        await("back").atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertConnection(id, "online", null));
        assertThat(periods(id)).extracting(p -> p.get("connection") + "/" + p.get("cause"))
                .containsExactly("online/null", "offline/silent", "online/null");
        given().get("/q/metrics").then().body(Matchers.containsString("kioskops_liveness_silent_total"));
    }

    @Test
    void a_box_that_booted_again_without_its_agent_stopping_lost_power() {
        String id = run + "-power";
        DeviceMessages device = new DeviceMessages(id, mqtt).connect(BOOT, START, null, 30).loseConnection();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertConnection(id, "offline", "connection_lost"));

        device.connect(BOOT.plusSeconds(900), START.plusSeconds(900), Birth.LastStop.UNCLEAN, 30);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(causes(id)).containsExactly("power_loss"));
        assertConnection(id, "online", null);
    }

    @Test
    void a_box_that_booted_again_after_its_agent_stopped_cleanly_rebooted() {
        String id = run + "-reboot";
        DeviceMessages device = new DeviceMessages(id, mqtt).connect(BOOT, START, null, 30).stop(Status.StatusReason.SHUTDOWN);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertConnection(id, "offline", "shutdown"));

        device.connect(BOOT.plusSeconds(120), START.plusSeconds(120), Birth.LastStop.CLEAN, 30);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(causes(id)).containsExactly("reboot"));
    }

    @Test
    void an_agent_that_started_again_on_the_same_boot_without_stopping_crashed() {
        String id = run + "-crash";
        DeviceMessages device = new DeviceMessages(id, mqtt).connect(BOOT, START, null, 30).loseConnection();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertConnection(id, "offline", "connection_lost"));

        device.connect(BOOT.plusMillis(800), START.plusSeconds(300), Birth.LastStop.UNCLEAN, 30);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(causes(id)).containsExactly("agent_crash"));
    }

    @Test
    void the_same_agent_reconnecting_lost_its_connection() {
        String id = run + "-network";
        DeviceMessages device = new DeviceMessages(id, mqtt).connect(BOOT, START, null, 30).loseConnection();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertConnection(id, "offline", "connection_lost"));

        device.connect(BOOT, START, null, 30);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertConnection(id, "online", null));
        assertThat(causes(id)).containsExactly("connection_lost");
        JsonPath report = given().get("/api/devices/" + id + "/availability").then().statusCode(200).extract().jsonPath();
        assertThat(report.getLong("offlineSeconds") + report.getLong("onlineSeconds") + report.getLong("unknownSeconds"))
                .as("the window is accounted for").isEqualTo(Duration.ofDays(7).toSeconds());
        assertThat(report.getDouble("availability")).isBetween(0.0, 1.0);
    }

    private static void assertConnection(String id, String connection, String reason) {
        given().get("/api/devices/" + id).then().statusCode(200)
                .body("device.connection", equalTo(connection))
                .body("device.offlineReason", equalTo(reason));
    }

    private static List<Map<String, Object>> periods(String id) {
        return given().get("/api/devices/" + id + "/availability").then().statusCode(200).extract().jsonPath().getList("periods");
    }

    private static List<Object> causes(String id) {
        return periods(id).stream().filter(p -> "offline".equals(p.get("connection"))).map(p -> p.get("cause")).toList();
    }
}
