package org.kioskops.hub.update;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.support.ReleaseKeys;
import org.kioskops.hub.support.SimulatedKiosks;
import org.kioskops.hub.support.UploadsProfile;
import org.kioskops.sim.FleetOptions;
import org.kioskops.sim.FleetPlan;
import org.kioskops.sim.SimulatedFleet;

/**
 * Rollout campaigns against simulated kiosks running the real agent: they download the release from the hub,
 * verify it against the release key they pin, install (simulated), restart and check themselves; some fail that
 * check at the fleet's configured rate and roll back. The hub advances campaigns every second here.
 */
@QuarkusTest
@TestProfile(UploadsProfile.class)
class CampaignIT {
    private static final String ACTOR = "zhao.lei@ops.example";
    private static final String RUNNING = "1.0.0";

    @TestHTTPResource("/")
    URL hubUrl;

    private final String run = Long.toString(System.nanoTime() % 1_000_000_000L);

    @Test
    void a_canary_failing_above_its_threshold_pauses_the_campaign_and_the_next_wave_is_never_notified() throws Exception {
        FleetPlan plan = FleetPlan.generate(5, 1, 71, "canary-" + run, "cf" + run + "-");
        long release = upload("2." + run + ".0");
        try (SimulatedFleet fleet = start(plan, 1.0)) {
            awaitOnline(plan);
            long campaign = create(Map.of("name", "canary that fails", "releaseId", release, "waves", "2,100%", "failureLimit", 1,
                    "target", Map.of("deviceIds", ids(plan))));

            JsonPath paused = awaitState(campaign, "paused");

            assertThat(paused.getString("stateReason")).contains("of 2 devices of wave 1 failed");
            List<Map<String, Object>> devices = devices(campaign);
            assertThat(devices).filteredOn(d -> (int) d.get("wave") == 2).extracting(d -> d.get("state")).containsOnly("pending");
            Map<String, Object> rolledBack = devices.stream().filter(d -> "rolled_back".equals(d.get("state"))).findFirst().orElseThrow();
            assertThat(rolledBack.get("code")).isEqualTo("health_check_failed");
            assertThat(rolledBack.get("runningVersion")).isEqualTo(RUNNING);
            String kiosk = (String) rolledBack.get("deviceId");
            await("the box announces its old version again").atMost(Duration.ofSeconds(20))
                    .until(() -> RUNNING.equals(given().get("/api/devices/" + kiosk).then().extract().jsonPath().getString("device.agentVersion")));
            assertThat(fleet.agent(kiosk).status().agentVersion()).isEqualTo(RUNNING);

            // the operator has looked: resuming accepts the failures so far; the wave cannot succeed, so wave 2 still waits
            await("both canaries back on the old version").atMost(Duration.ofSeconds(20)).until(() -> devices(campaign).stream()
                    .filter(d -> (int) d.get("wave") == 1).allMatch(d -> "rolled_back".equals(d.get("state"))));
            given().header("X-KioskOps-Actor", ACTOR).post("/api/campaigns/" + campaign + "/resume").then().statusCode(200);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> "running".equals(campaign(campaign).getString("state")));
            given().header("X-KioskOps-Actor", ACTOR).contentType("application/json").body(Map.of("reason", "new build coming"))
                    .post("/api/campaigns/" + campaign + "/pause").then().statusCode(200);
            assertThat(campaign(campaign).getString("stateReason")).isEqualTo("paused by " + ACTOR + ": new build coming");
            given().header("X-KioskOps-Actor", ACTOR).contentType("application/json").body(Map.of("reason", "superseded"))
                    .post("/api/campaigns/" + campaign + "/abort").then().statusCode(200);
            assertThat(devices(campaign)).filteredOn(d -> (int) d.get("wave") == 2).extracting(d -> d.get("state")).containsOnly("cancelled");
            List<String> audit = given().get("/api/audit?target=campaign:" + campaign).then().extract().jsonPath().getList("action");
            assertThat(audit).contains("campaign.pause", "campaign.resume", "campaign.abort");
        }
    }

    @Test
    void a_canary_that_succeeds_starts_the_next_wave_and_the_campaign_completes_with_every_box_on_the_new_version() throws Exception {
        FleetPlan plan = FleetPlan.generate(4, 1, 72, "waves-" + run, "cw" + run + "-");
        String version = "3." + run + ".0";
        long release = upload(version);
        try (SimulatedFleet fleet = start(plan, 0)) {
            awaitOnline(plan);
            long campaign = create(Map.of("name", "all good", "releaseId", release, "waves", "1,100%", "successPercent", 100,
                    "target", Map.of("siteId", plan.sites().get(1).id(), "hardwareModel", "sim-kiosk-v1")));

            JsonPath done = awaitState(campaign, "completed");

            assertThat(done.getString("stateReason")).isEqualTo("4 of 4 devices updated");
            assertThat(done.getInt("currentWave")).isEqualTo(2);
            assertThat(devices(campaign)).extracting(d -> d.get("state")).containsOnly("succeeded");
            assertThat(devices(campaign)).extracting(d -> d.get("runningVersion")).containsOnly(version);
            for (String kiosk : ids(plan)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> version.equals(given().get("/api/devices/" + kiosk).then().extract()
                        .jsonPath().getString("device.agentVersion")));
            }
            List<String> audit = given().get("/api/audit?target=campaign:" + campaign).then().extract().jsonPath().getList("action");
            assertThat(audit).contains("campaign.create", "campaign.wave", "campaign.complete");
        }
    }

    @Test
    void a_downgrade_the_campaign_does_not_allow_is_refused_by_every_box() throws Exception {
        FleetPlan plan = FleetPlan.generate(2, 1, 73, "down-" + run, "cd" + run + "-");
        long release = upload("0." + run + ".0");
        try (SimulatedFleet fleet = start(plan, 0)) {
            awaitOnline(plan);
            for (String kiosk : ids(plan)) {
                given().contentType("application/json").body(List.of("pilot-" + run, "lobby")).put("/api/devices/" + kiosk + "/tags")
                        .then().statusCode(200);
            }
            long campaign = create(Map.of("name", "old build", "releaseId", release, "waves", "100%", "failurePercent", 100,
                    "target", Map.of("tag", "pilot-" + run)));

            awaitState(campaign, "paused");

            assertThat(devices(campaign)).extracting(d -> d.get("state"), d -> d.get("code"))
                    .containsOnly(Tuple.tuple("failed", "downgrade_refused"));
        }
    }

    @Test
    void waves_wait_for_approval_and_an_abort_cancels_what_was_not_sent() throws Exception {
        FleetPlan plan = FleetPlan.generate(3, 1, 74, "approve-" + run, "ca" + run + "-");
        long release = upload("4." + run + ".0");
        try (SimulatedFleet fleet = start(plan, 0)) {
            awaitOnline(plan);
            long campaign = create(Map.of("name", "step by step", "releaseId", release, "waves", "1,100%", "approveEachWave", true,
                    "target", Map.of("deviceIds", ids(plan))));
            assertThat(campaign(campaign).getString("state")).isEqualTo("waiting_approval");
            assertThat(devices(campaign)).extracting(d -> d.get("state")).containsOnly("pending");

            given().header("X-KioskOps-Actor", ACTOR).post("/api/campaigns/" + campaign + "/approve").then().statusCode(200);
            JsonPath waiting = awaitState(campaign, "waiting_approval");
            assertThat(waiting.getString("stateReason")).startsWith("wave 2 waits for approval (wave 1: 1 of 1 succeeded)");

            given().header("X-KioskOps-Actor", ACTOR).contentType("application/json").body(Map.of("reason", "holiday week"))
                    .post("/api/campaigns/" + campaign + "/abort").then().statusCode(200);

            assertThat(campaign(campaign).getString("state")).isEqualTo("aborted");
            assertThat(devices(campaign)).extracting(d -> d.get("state")).containsExactlyInAnyOrder("succeeded", "cancelled", "cancelled");
            given().header("X-KioskOps-Actor", ACTOR).post("/api/campaigns/" + campaign + "/approve").then().statusCode(409);
        }
    }

    @Test
    void outside_its_maintenance_window_nobody_is_notified() throws Exception {
        FleetPlan plan = FleetPlan.generate(2, 1, 75, "window-" + run, "cm" + run + "-");
        long release = upload("5." + run + ".0");
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        try (SimulatedFleet fleet = start(plan, 0)) {
            awaitOnline(plan);
            long campaign = create(Map.of("name", "at night only", "releaseId", release, "waves", "100%",
                    "window", Map.of("opens", now.plusHours(3).withSecond(0).withNano(0).toString().substring(0, 5),
                            "closes", now.plusHours(4).withSecond(0).withNano(0).toString().substring(0, 5), "zone", "UTC"),
                    "target", Map.of("deviceIds", ids(plan))));

            // the engine runs every second: three seconds of its decisions, all to wait
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                    .until(() -> devices(campaign).stream().allMatch(d -> "pending".equals(d.get("state"))));
            assertThat(campaign(campaign).getString("state")).isEqualTo("running");
        }
    }

    @Test
    void a_box_that_stops_reporting_mid_update_counts_as_failed_after_the_deployment_timeout() throws Exception {
        FleetPlan plan = FleetPlan.generate(1, 1, 76, "silent-" + run, "cs" + run + "-");
        long release = upload("7." + run + ".0");
        try (SimulatedFleet fleet = start(plan, 0)) {
            awaitOnline(plan);
            // hung: connected, so the hub sends the order, but nothing it does reaches the hub
            fleet.freeze(ids(plan).get(0));
            long campaign = create(Map.of("name", "into the void", "releaseId", release, "waves", "100%",
                    "target", Map.of("deviceIds", ids(plan))));

            JsonPath paused = awaitState(campaign, "paused");

            assertThat(devices(campaign)).extracting(d -> d.get("state"), d -> d.get("code"))
                    .containsExactly(Tuple.tuple("failed", "no_report"));
            assertThat(paused.getString("stateReason")).isEqualTo("1 of 1 devices of wave 1 failed (threshold: 10 %)");
        }
    }

    @Test
    void a_campaign_with_a_bad_wave_plan_or_no_matching_device_is_refused_with_the_reason() {
        long release = upload("6." + run + ".0");
        given().contentType("application/json").body(Map.of("name", "bad", "releaseId", release, "waves", "2,half"))
                .post("/api/campaigns").then().statusCode(400).body("code", Matchers.equalTo("invalid_campaign"))
                .body("detail", Matchers.containsString("'half'"));
        given().contentType("application/json").body(Map.of("name", "nobody", "releaseId", release, "waves", "100%",
                        "target", Map.of("deviceIds", List.of("no-such-kiosk-" + run))))
                .post("/api/campaigns").then().statusCode(422).body("code", Matchers.equalTo("empty_target"));
    }

    private SimulatedFleet start(FleetPlan plan, double failureRate) throws Exception {
        FleetOptions options = SimulatedKiosks.defaults().withUpdates(new FleetOptions.Updates(ReleaseKeys.TRUSTED_PUBLIC_PEM, failureRate,
                RUNNING, Duration.ofSeconds(2)));
        return SimulatedKiosks.start(hubUrl, plan, null, Clock.systemUTC(), options);
    }

    private static List<String> ids(FleetPlan plan) {
        return plan.kiosks().stream().map(FleetPlan.KioskPlan::deviceId).toList();
    }

    private static void awaitOnline(FleetPlan plan) {
        for (String kiosk : ids(plan)) {
            await(kiosk + " online").atMost(Duration.ofSeconds(20)).until(() -> "online".equals(given().get("/api/devices/" + kiosk).then()
                    .extract().jsonPath().getString("device.connection")));
        }
    }

    private long upload(String version) {
        byte[] file = ("kioskops-agent " + version).getBytes(StandardCharsets.UTF_8);
        return given().multiPart("file", "kioskops-agent-" + version + ".jar", file, "application/java-archive")
                .multiPart("kind", "agent").multiPart("version", version).multiPart("hardwareModels", "sim-kiosk-v1")
                .multiPart("signature", ReleaseKeys.sign(ReleaseKeys.TRUSTED, file))
                .post("/api/releases").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static long create(Map<String, Object> body) {
        return given().header("X-KioskOps-Actor", ACTOR).contentType("application/json").body(new HashMap<>(body)).post("/api/campaigns")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static JsonPath campaign(long id) {
        return given().get("/api/campaigns/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static List<Map<String, Object>> devices(long id) {
        return given().get("/api/campaigns/" + id + "/devices").then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static JsonPath awaitState(long id, String state) {
        await("campaign " + id + " " + state).atMost(Duration.ofSeconds(60)).until(() -> state.equals(campaign(id).getString("state")));
        return campaign(id);
    }
}
