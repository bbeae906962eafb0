package org.kioskops.hub;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.support.OwnMosquittoProfile;
import org.kioskops.hub.support.SimulatedKiosks;
import org.kioskops.protocol.ScreenState;
import org.kioskops.sim.FleetPlan;
import org.kioskops.sim.SimulatedFleet;

/**
 * Desired settings from the hub to simulated kiosks running the real agent code: merged from fleet, site and
 * device documents, applied or rejected by the agent with a reason, and received again by a kiosk that was
 * away when they changed.
 */
@QuarkusTest
@TestProfile(OwnMosquittoProfile.class)
class DeviceConfigIT {
    private static final String ACTOR = "sun.li@ops.example";

    @TestHTTPResource("/")
    URL hubUrl;

    private final String run = Long.toString(System.nanoTime(), 36);

    @Test
    void settings_merge_from_fleet_site_and_device_and_the_agent_applies_them() throws Exception {
        FleetPlan plan = FleetPlan.generate(2, 1, 23, "cfg-" + run, run + "-c-");
        try (SimulatedFleet fleet = start(plan, null)) {
            String kiosk = plan.kiosks().get(0).deviceId();
            String other = plan.kiosks().get(1).deviceId();
            String site = plan.kiosks().get(0).siteId();
            put("/api/config/sites/" + plan.sites().get(0).id(), Map.of("telemetry", Map.of("intervalSeconds", 20, "eventFlushMillis", 250)));
            put("/api/config/sites/" + site, Map.of("telemetry", Map.of("intervalSeconds", 5)));
            put("/api/config/devices/" + kiosk, Map.of("logLevel", "info"));

            await("applied").atMost(Duration.ofSeconds(30)).until(() -> inSync(kiosk) && inSync(other));
            JsonPath twin = twin(kiosk);
            assertThat(twin.getInt("desired.telemetry.intervalSeconds")).isEqualTo(5);
            assertThat(twin.getInt("desired.telemetry.eventFlushMillis")).isEqualTo(250);
            assertThat(twin.getString("desired.logLevel")).isEqualTo("info");
            assertThat(twin.getList("sources", String.class))
                    .containsExactly("site:" + plan.sites().get(0).id(), "site:" + site, "device:" + kiosk);
            assertThat(twin.getString("reportedOutcome")).isEqualTo("applied");
            assertThat(fleet.agent(kiosk).telemetryIntervalSeconds()).isEqualTo(5);
            assertThat(twin(other).getString("desired.logLevel")).as("the device document is the kiosk's own").isNull();
            assertThat(given().queryParam("target", "site:" + site).get("/api/audit").then().extract().jsonPath().getList("action"))
                    .containsExactly("config.set");
        }
    }

    @Test
    void the_agent_switches_the_screen_by_its_schedule() throws Exception {
        FleetPlan plan = FleetPlan.generate(1, 1, 59, "scr-" + run, run + "-s-");
        try (SimulatedFleet fleet = start(plan, null)) {
            String kiosk = plan.kiosks().get(0).deviceId();
            put("/api/config/devices/" + kiosk, Map.of("screenSchedule", Map.of("zone", "Asia/Shanghai", "week", List.of())));
            await("dark all week").atMost(Duration.ofSeconds(30))
                    .until(() -> fleet.kiosk(kiosk).screen().state() == ScreenState.OFF);

            List<Map<String, String>> allDay = List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
                    .stream().map(d -> Map.of("day", d, "on", "00:00", "off", "24:00")).toList();
            put("/api/config/devices/" + kiosk, Map.of("screenSchedule", Map.of("zone", "Asia/Shanghai", "week", allDay)));
            await("lit all day").atMost(Duration.ofSeconds(30))
                    .until(() -> fleet.kiosk(kiosk).screen().state() == ScreenState.ON);
            assertThat(twin(kiosk).getBoolean("inSync")).isTrue();
        }
    }

    @Test
    void a_new_heartbeat_keep_alive_is_announced_to_the_hub_at_once_and_used_from_the_next_connection() throws Exception {
        FleetPlan plan = FleetPlan.generate(1, 1, 67, "hb-" + run, run + "-b-");
        try (SimulatedFleet fleet = start(plan, null)) {
            String kiosk = plan.kiosks().get(0).deviceId();
            await("online").atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(30).equals(keepAlive(kiosk)));

            put("/api/config/devices/" + kiosk, Map.of("heartbeat", Map.of("keepAliveSeconds", 120)));

            await("announced in a new birth").atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(120).equals(keepAlive(kiosk)));
            assertThat(fleet.agent(kiosk).keepAliveSeconds()).isEqualTo(120);
            assertThat(inSync(kiosk)).isTrue();
            assertThat(given().get("/api/devices/" + kiosk + "/availability").then().extract().jsonPath().getList("periods"))
                    .as("announcing it is no reconnection").hasSize(1);
        }
    }

    private static Integer keepAlive(String kiosk) {
        return given().get("/api/devices/" + kiosk).then().extract().jsonPath().get("keepAliveSeconds");
    }

    @Test
    void a_bad_document_is_refused_with_the_path_of_the_first_problem() {
        given().contentType("application/json").body(Map.of("telemetry", Map.of("intervalSeconds", 0))).put("/api/config/fleet")
                .then().statusCode(400).body("code", equalTo("invalid_settings"))
                .body("detail", containsString("telemetry.intervalSeconds"));
        given().contentType("application/json").body(Map.of("screenSaver", true)).put("/api/config/fleet")
                .then().statusCode(400).body("detail", containsString("screenSaver"));
        given().contentType("application/json").body(Map.of("lockerPins", Map.of("A", Map.of("1", 17, "2", 17))))
                .put("/api/config/fleet").then().statusCode(400).body("detail", containsString("pin 17"));
        given().contentType("application/json").body(Map.of()).put("/api/config/sites/no-such-site-" + run).then().statusCode(404);
    }

    @Test
    void settings_the_box_cannot_apply_are_rejected_with_the_reason_and_the_previous_ones_stay() throws Exception {
        FleetPlan plan = FleetPlan.generate(1, 1, 29, "rej-" + run, run + "-r-");
        try (SimulatedFleet fleet = start(plan, null)) {
            String kiosk = plan.kiosks().get(0).deviceId();
            put("/api/config/devices/" + kiosk, Map.of("telemetry", Map.of("intervalSeconds", 7)));
            await("applied").atMost(Duration.ofSeconds(30)).until(() -> inSync(kiosk));
            String good = twin(kiosk).getString("activeVersion");

            put("/api/config/devices/" + kiosk, Map.of("telemetry", Map.of("intervalSeconds", 9), "lockerPins", Map.of("Z", Map.of("1", 5))));
            await("rejected").atMost(Duration.ofSeconds(30)).until(() -> "rejected".equals(twin(kiosk).getString("reportedOutcome")));
            JsonPath twin = twin(kiosk);
            assertThat(twin.getString("reportedReason")).contains("no locker bank 'Z' on this box");
            assertThat(twin.getString("activeVersion")).isEqualTo(good);
            assertThat(twin.getBoolean("inSync")).isFalse();
            assertThat(fleet.agent(kiosk).telemetryIntervalSeconds()).as("the previous settings stay in force").isEqualTo(7);
            assertThat(given().queryParam("target", "device:" + kiosk).get("/api/audit").then().extract().jsonPath().getList("action"))
                    .containsSubsequence("config.rejected", "config.set", "config.applied", "config.set");
            assertThat(given().queryParam("site", plan.sites().get(0).id()).get("/api/config/drift").then().statusCode(200).extract()
                    .jsonPath().getList("deviceId")).containsExactly(kiosk);
        }
    }

    @Test
    void a_kiosk_that_was_away_gets_the_settings_that_changed_meanwhile() throws Exception {
        FleetPlan plan = FleetPlan.generate(1, 1, 31, "away-" + run, run + "-a-");
        Path state = Files.createTempDirectory("kioskops-config-it");
        String kiosk = plan.kiosks().get(0).deviceId();
        try (SimulatedFleet fleet = start(plan, state)) {
            put("/api/config/devices/" + kiosk, Map.of("telemetry", Map.of("intervalSeconds", 11)));
            await("applied").atMost(Duration.ofSeconds(30)).until(() -> inSync(kiosk));
        }
        await("offline").atMost(Duration.ofSeconds(30)).until(() -> "offline".equals(
                given().get("/api/devices/" + kiosk).then().extract().jsonPath().getString("device.connection")));

        put("/api/config/devices/" + kiosk, Map.of("telemetry", Map.of("intervalSeconds", 13)));
        assertThat(twin(kiosk).getBoolean("inSync")).isFalse();

        try (SimulatedFleet back = start(plan, state)) {
            await("the new settings applied after reconnecting").atMost(Duration.ofSeconds(30)).until(() -> inSync(kiosk));
            assertThat(back.agent(kiosk).telemetryIntervalSeconds()).isEqualTo(13);
        }
        assertThat(Files.readString(state.resolve(kiosk).resolve("desired-config.json"))).contains("\"intervalSeconds\":13");
    }

    private SimulatedFleet start(FleetPlan plan, Path stateDir) throws Exception {
        return SimulatedKiosks.start(hubUrl, plan, stateDir);
    }

    private static void put(String path, Map<String, ?> body) {
        given().contentType("application/json").header("X-KioskOps-Actor", ACTOR).body(body).put(path).then().statusCode(200);
    }

    private static JsonPath twin(String deviceId) {
        return given().get("/api/devices/" + deviceId + "/config").then().statusCode(200).extract().jsonPath();
    }

    private static boolean inSync(String deviceId) {
        JsonPath twin = twin(deviceId);
        return twin.getString("desiredVersion") != null && twin.getBoolean("inSync");
    }
}
