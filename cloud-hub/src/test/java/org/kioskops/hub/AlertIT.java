package org.kioskops.hub;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
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
import org.kioskops.hub.support.FastAlertsProfile;
import org.kioskops.hub.support.Sites;
import org.kioskops.testing.MqttProbe;

/**
 * Alerts from device state through a real broker, with delays of seconds: one alert per episode however
 * often the condition flaps, resolved by itself when the condition stays away, or by hand with a note.
 */
@QuarkusTest
@TestProfile(FastAlertsProfile.class)
class AlertIT {
    private static final String ACTOR = "li.wei@repair.example";
    private static final Instant BOOT = Instant.parse("2026-11-28T06:00:00Z");

    private final String run = Long.toString(System.nanoTime(), 36);
    private MqttProbe mqtt;
    private String site;

    @BeforeEach
    void connect() {
        mqtt = MqttProbe.connect(ConfigProvider.getConfig().getValue("kioskops.mqtt.url", String.class));
        site = Sites.chain("alerts-" + run);
    }

    @AfterEach
    void disconnect() {
        mqtt.close();
    }

    private DeviceMessages kiosk(String name) {
        String id = run + "-" + name;
        Sites.register(id, site);
        return new DeviceMessages(id, mqtt).at(Instant.now()).connect(BOOT, BOOT, null, 30);
    }

    @Test
    void an_offline_kiosk_gets_one_alert_that_resolves_itself_when_it_stays_back() {
        DeviceMessages kiosk = kiosk("offline");
        String id = run + "-offline";
        kiosk.loseConnection();

        await("alert opened").atMost(Duration.ofSeconds(15)).until(() -> alerts(id, "active").size() == 1);
        Map<String, Object> alert = alerts(id, "active").get(0);
        assertThat(alert).containsEntry("type", "device_offline").containsEntry("component", "device")
                .containsEntry("status", "open").containsEntry("siteId", site);
        assertThat((String) alert.get("detail")).contains("connection_lost");
        long alertId = ((Number) alert.get("id")).longValue();

        given().header("X-KioskOps-Actor", ACTOR).post("/api/alerts/" + alertId + "/acknowledge").then().statusCode(200)
                .body("status", equalTo("acknowledged")).body("acknowledgedBy", equalTo(ACTOR));

        kiosk.connect(BOOT, BOOT, null, 30);
        await("resolved by itself").atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/alerts/" + alertId).then()
                .body("status", equalTo("resolved")).body("resolvedBy", equalTo("kioskops")));
        assertThat(alerts(id, null)).as("exactly one alert for the episode").hasSize(1);
        given().get("/q/metrics").then().body(Matchers.containsString("kioskops_alerts_unresolved"));
    }

    @Test
    void a_flapping_connection_makes_one_alert_and_counts_the_recurrences() {
        DeviceMessages kiosk = kiosk("flapping");
        String id = run + "-flapping";
        kiosk.loseConnection();
        await("alert opened").atMost(Duration.ofSeconds(15)).until(() -> alerts(id, "active").size() == 1);

        for (int i = 0; i < 3; i++) {
            kiosk.connect(BOOT, BOOT, null, 30);
            await("online").atMost(Duration.ofSeconds(10)).until(() -> hasClearedAt(id));
            kiosk.loseConnection();
            await("offline again").atMost(Duration.ofSeconds(10)).until(() -> !hasClearedAt(id));
        }

        List<Map<String, Object>> all = alerts(id, null);
        assertThat(all).hasSize(1);
        assertThat(all.get(0)).containsEntry("status", "open").containsEntry("recurrences", 3);
    }

    @Test
    void a_reported_fault_is_an_alert_resolved_by_hand_with_a_note_and_every_action_is_audited() {
        DeviceMessages kiosk = kiosk("jam");
        String id = run + "-jam";
        kiosk.publish(kiosk.fault("locker:A:3", "door_jammed"));

        await("alert opened").atMost(Duration.ofSeconds(15)).until(() -> alerts(id, "active").size() == 1);
        Map<String, Object> alert = alerts(id, "active").get(0);
        assertThat(alert).containsEntry("type", "door_jammed").containsEntry("component", "locker:A:3");
        long alertId = ((Number) alert.get("id")).longValue();

        given().contentType("application/json").header("X-KioskOps-Actor", ACTOR).body(Map.of("body", "on my way, 20 min"))
                .post("/api/alerts/" + alertId + "/comments").then().statusCode(200).body("comments[0].body", equalTo("on my way, 20 min"));
        given().contentType("application/json").header("X-KioskOps-Actor", ACTOR).body(Map.of("note", " "))
                .post("/api/alerts/" + alertId + "/resolve").then().statusCode(400).body("code", equalTo("invalid_alert_request"));
        given().contentType("application/json").header("X-KioskOps-Actor", ACTOR).body(Map.of("note", "door latch replaced"))
                .post("/api/alerts/" + alertId + "/resolve").then().statusCode(200)
                .body("status", equalTo("resolved")).body("resolvedBy", equalTo(ACTOR)).body("resolutionNote", equalTo("door latch replaced"));
        given().contentType("application/json").header("X-KioskOps-Actor", ACTOR).body(Map.of("note", "again"))
                .post("/api/alerts/" + alertId + "/resolve").then().statusCode(409).body("code", equalTo("alert_resolved"));

        assertThat(given().queryParam("target", "alert:" + alertId).get("/api/audit").then().extract().jsonPath().getList("action"))
                .containsExactly("alert.resolved", "alert.commented");
    }

    @Test
    void alerts_are_filtered_by_site_subtree_and_status() {
        DeviceMessages kiosk = kiosk("filtered");
        String id = run + "-filtered";
        kiosk.loseConnection();
        await("alert opened").atMost(Duration.ofSeconds(15)).until(() -> alerts(id, "active").size() == 1);

        String community = site.replace("-site", "-community");
        assertThat(given().queryParam("site", community).queryParam("status", "active").get("/api/alerts").then().statusCode(200)
                .extract().jsonPath().getList("deviceId")).contains(id);
        String elsewhere = Sites.chain("elsewhere-" + run);
        assertThat(given().queryParam("site", elsewhere).get("/api/alerts").then().statusCode(200).extract().jsonPath().getList("id"))
                .isEmpty();
        given().queryParam("status", "sleeping").get("/api/alerts").then().statusCode(400);
        given().get("/api/alerts/999999999").then().statusCode(404).body("code", equalTo("alert_not_found"));
    }

    @Test
    void every_alert_goes_to_the_owner_of_its_concern_set_nearest_to_the_site() {
        String district = site.replace("-site", "-district");
        String contractor = "Anxin Repair " + run;
        String lockerOperator = "FengChao Lockers " + run;
        given().contentType("application/json").header("X-KioskOps-Actor", ACTOR)
                .body(Map.of("organisation", contractor, "contacts", "Wang 138-0000-0000", "responseTargetMinutes", 30,
                        "repairTargetMinutes", 240))
                .put("/api/sites/" + district + "/owners/hardware").then().statusCode(200).body("definedAt", equalTo(district));
        given().contentType("application/json").header("X-KioskOps-Actor", ACTOR).body(Map.of("organisation", lockerOperator))
                .put("/api/sites/" + site + "/owners/lockers").then().statusCode(200);
        given().contentType("application/json").body(Map.of("organisation", "x")).put("/api/sites/" + site + "/owners/plumbing")
                .then().statusCode(400);
        List<Map<String, Object>> inForce = given().get("/api/sites/" + site + "/owners").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertThat(inForce).extracting(o -> o.get("concern") + "@" + o.get("definedAt"))
                .containsExactlyInAnyOrder("hardware@" + district, "lockers@" + site);

        DeviceMessages kiosk = kiosk("owned");
        String id = run + "-owned";
        kiosk.publish(kiosk.fault("locker:A:1", "door_jammed"));
        kiosk.loseConnection();

        await("both alerts").atMost(Duration.ofSeconds(15)).until(() -> alerts(id, "active").size() == 2);
        assertThat(alerts(id, "active")).extracting(a -> a.get("type") + "/" + a.get("concern") + "/" + a.get("owner"))
                .containsExactlyInAnyOrder("device_offline/hardware/" + contractor, "door_jammed/lockers/" + lockerOperator);
        assertThat(given().queryParam("owner", lockerOperator).get("/api/alerts").then().statusCode(200).extract().jsonPath()
                .getList("type")).containsExactly("door_jammed");
        Map<String, Object> offline = alerts(id, "active").stream().filter(a -> "device_offline".equals(a.get("type"))).findFirst()
                .orElseThrow();
        Instant openedAt = Instant.parse((String) offline.get("openedAt"));
        assertThat(Instant.parse((String) offline.get("respondBy"))).isEqualTo(openedAt.plus(Duration.ofMinutes(30)));
        assertThat(Instant.parse((String) offline.get("repairBy"))).isEqualTo(openedAt.plus(Duration.ofMinutes(240)));
        assertThat(offline).containsEntry("responseOverdue", false).containsEntry("repairOverdue", false);
        assertThat(given().queryParam("device", id).queryParam("overdue", true).get("/api/alerts").then().statusCode(200)
                .extract().jsonPath().getList("id")).as("within the targets").isEmpty();

        given().header("X-KioskOps-Actor", ACTOR).delete("/api/sites/" + site + "/owners/lockers").then().statusCode(204);
        assertThat(given().get("/api/sites/" + site + "/owners").then().extract().jsonPath().getList("concern"))
                .containsExactly("hardware");
        assertThat(given().queryParam("target", "site:" + site).get("/api/audit").then().extract().jsonPath().getList("action"))
                .containsExactly("owner.removed", "owner.set");
    }

    @Test
    void alerts_during_a_maintenance_window_are_suppressed_and_open_when_it_ends() {
        given().contentType("application/json").body(Map.of("siteId", site, "reason", "x")).post("/api/maintenance-windows")
                .then().statusCode(400).body("code", equalTo("invalid_alert_request"));
        long windowId = given().contentType("application/json").header("X-KioskOps-Actor", ACTOR)
                .body(Map.of("siteId", site.replace("-site", "-community"), "endsAt", Instant.now().plus(Duration.ofHours(2)).toString(),
                        "reason", "replacing the screen"))
                .post("/api/maintenance-windows").then().statusCode(201).extract().jsonPath().getLong("id");
        DeviceMessages kiosk = kiosk("maintained");
        String id = run + "-maintained";
        kiosk.loseConnection();

        await("suppressed alert").atMost(Duration.ofSeconds(15)).until(() -> alerts(id, "suppressed").size() == 1);
        assertThat(alerts(id, "suppressed").get(0)).containsEntry("suppressedBy", (int) windowId);
        assertThat(alerts(id, "active")).as("nobody is asked while the work goes on").isEmpty();

        given().header("X-KioskOps-Actor", ACTOR).delete("/api/maintenance-windows/" + windowId).then().statusCode(200);
        await("open after the window").atMost(Duration.ofSeconds(15)).until(() -> alerts(id, "active").size() == 1);
        assertThat(alerts(id, null)).as("the same alert").hasSize(1);
        assertThat(given().queryParam("target", "site:" + site.replace("-site", "-community")).get("/api/audit").then().extract()
                .jsonPath().getList("action")).containsExactly("maintenance.ended", "maintenance.scheduled");
    }

    private static List<Map<String, Object>> alerts(String deviceId, String status) {
        var request = given().queryParam("device", deviceId);
        if (status != null) {
            request = request.queryParam("status", status);
        }
        return request.get("/api/alerts").then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static boolean hasClearedAt(String deviceId) {
        return alerts(deviceId, "active").get(0).get("clearedAt") != null;
    }
}
