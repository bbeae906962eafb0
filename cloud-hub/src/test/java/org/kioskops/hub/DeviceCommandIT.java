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
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.support.SimulatedKiosks;
import org.kioskops.hub.support.UploadsProfile;
import org.kioskops.protocol.ScreenState;
import org.kioskops.sim.FleetPlan;
import org.kioskops.sim.HubRegistrar;
import org.kioskops.sim.SimulatedFleet;

/**
 * Commands to simulated kiosks running the real agent code: MQTT 5 request and response, the device's
 * answers as states, an honest queue for kiosks that are away, expiry, and audited unlocks.
 */
@QuarkusTest
@TestProfile(UploadsProfile.class)
class DeviceCommandIT {
    private static final String ACTOR = "he.yun@ops.example";

    @TestHTTPResource("/")
    URL hubUrl;

    private final String run = Long.toString(System.nanoTime(), 36);

    @Test
    void an_online_kiosk_answers_its_commands_and_they_take_effect() throws Exception {
        FleetPlan plan = FleetPlan.generate(1, 1, 37, "cmd-" + run, run + "-m-");
        try (SimulatedFleet fleet = start(plan, null)) {
            String kiosk = plan.kiosks().get(0).deviceId();
            long off = submit(kiosk, Map.of("name", "screen_off"));
            long diagnostics = submit(kiosk, Map.of("name", "diagnostics"));
            long reboot = submit(kiosk, Map.of("name", "reboot", "reason", "screen driver stuck"));

            JsonPath screen = awaitFinal(off);
            assertThat(screen.getString("state")).isEqualTo("succeeded");
            assertThat(screen.getString("detail")).isEqualTo("screen off");
            assertThat(screen.getString("deliveredAt")).isNotNull();
            assertThat(fleet.kiosk(kiosk).screen().state()).isEqualTo(ScreenState.OFF);
            JsonPath diag = awaitFinal(diagnostics);
            assertThat(JsonPath.from(diag.getString("result")).getString("agentVersion")).startsWith("sim-");
            assertThat(awaitFinal(reboot).getString("detail")).startsWith("rebooting");
            await("rebooted").atMost(Duration.ofSeconds(15)).until(() -> fleet.kiosk(kiosk).control().reboots() == 1);

            given().contentType("application/json").body(Map.of("name", "self_destruct")).post("/api/devices/" + kiosk + "/commands")
                    .then().statusCode(400).body("code", equalTo("invalid_command"));
        }
    }

    @Test
    void a_screenshot_and_a_diagnostics_bundle_are_uploaded_once_to_their_command() throws Exception {
        FleetPlan plan = FleetPlan.generate(1, 1, 61, "shot-" + run, run + "-h-");
        Path state = Files.createTempDirectory("kioskops-upload-it");
        try (SimulatedFleet fleet = start(plan, state)) {
            String kiosk = plan.kiosks().get(0).deviceId();
            given().contentType("application/json").body(Map.of("logLevel", "info")).put("/api/config/devices/" + kiosk)
                    .then().statusCode(200);
            long shot = submit(kiosk, Map.of("name", "screenshot"));
            long bundle = submit(kiosk, Map.of("name", "diagnostics"));

            JsonPath screenshot = awaitFinal(shot);
            assertThat(screenshot.getString("state")).isEqualTo("succeeded");
            assertThat(screenshot.getString("artifact.type")).isEqualTo("image/png");
            byte[] png = given().get("/api/commands/" + shot + "/artifact").then().statusCode(200)
                    .header("Content-Type", "image/png").extract().asByteArray();
            assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
            assertThat(screenshot.getLong("artifact.bytes")).isEqualTo(png.length);

            assertThat(awaitFinal(bundle).getString("artifact.type")).isEqualTo("application/zip");
            byte[] zip = given().get("/api/commands/" + bundle + "/artifact").then().statusCode(200).extract().asByteArray();
            List<String> entries = new ArrayList<>();
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
                for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    entries.add(e.getName());
                }
            }
            assertThat(entries).contains("diagnostics.json");

            given().contentType("image/png").body(new byte[] {1, 2, 3}).put("/api/commands/" + shot + "/artifact?token=forged")
                    .then().statusCode(403).body("code", equalTo("upload_refused"));
            given().get("/api/commands/" + submit(kiosk, Map.of("name", "screen_on")) + "/artifact").then().statusCode(404);
        }
    }

    @Test
    void an_unlock_needs_a_reason_opens_the_compartment_and_is_audited() throws Exception {
        FleetPlan plan = FleetPlan.generate(1, 1, 41, "unl-" + run, run + "-u-");
        try (SimulatedFleet fleet = start(plan, null)) {
            String kiosk = plan.kiosks().get(0).deviceId();
            given().contentType("application/json").body(Map.of("name", "unlock", "bank", "A", "compartment", 2))
                    .post("/api/devices/" + kiosk + "/commands").then().statusCode(400).body("detail", containsString("reason"));

            long unlock = submit(kiosk, Map.of("name", "unlock", "bank", "A", "compartment", 2,
                    "reason", "resident Zhang locked out of parcel 7731, call 14:05"));

            assertThat(awaitFinal(unlock).getString("state")).isEqualTo("succeeded");
            assertThat(fleet.kiosk(kiosk).banks().get(0).read().get(1).doorOpen()).isTrue();
            long missing = submit(kiosk, Map.of("name", "unlock", "bank", "Q", "compartment", 1, "reason", "test of a wrong bank"));
            JsonPath refused = awaitFinal(missing);
            assertThat(refused.getString("state")).isEqualTo("failed");
            assertThat(refused.getString("detail")).contains("no locker bank 'Q'");
            assertThat(given().queryParam("target", "device:" + kiosk).get("/api/audit").then().extract().jsonPath().getList("detail",
                    String.class)).anyMatch(d -> d.contains("unlock A/2 (resident Zhang locked out of parcel 7731, call 14:05)"));
            List<Map<String, Object>> trail = given().queryParam("target", "device:" + kiosk).get("/api/audit").then().extract()
                    .jsonPath().getList("$");
            assertThat(trail).extracting(e -> e.get("actor") + " " + e.get("action") + " " + e.get("detail"))
                    .contains("device:" + kiosk + " command.succeeded command " + unlock + ": compartment A/2 unlocked",
                            ACTOR + " command.queued command " + unlock + ": unlock A/2 (resident Zhang locked out of parcel 7731, call 14:05)");
        }
    }

    @Test
    void a_kiosk_that_was_away_gets_its_new_settings_and_queued_commands_in_order() throws Exception {
        FleetPlan plan = FleetPlan.generate(1, 1, 43, "away-" + run, run + "-w-");
        Path state = Files.createTempDirectory("kioskops-command-it");
        String kiosk = plan.kiosks().get(0).deviceId();
        try (SimulatedFleet fleet = start(plan, state)) {
            await("online").atMost(Duration.ofSeconds(30)).until(() -> "online".equals(connection(kiosk)));
        }
        await("offline").atMost(Duration.ofSeconds(30)).until(() -> "offline".equals(connection(kiosk)));

        given().contentType("application/json").body(Map.of("telemetry", Map.of("intervalSeconds", 17)))
                .put("/api/config/devices/" + kiosk).then().statusCode(200);
        List<Long> ids = List.of(submit(kiosk, Map.of("name", "screen_off")),
                submit(kiosk, Map.of("name", "unlock", "bank", "A", "compartment", 1, "reason", "courier jammed door 1")),
                submit(kiosk, Map.of("name", "diagnostics")));
        for (long id : ids) {
            JsonPath c = command(id);
            assertThat(c.getString("state")).as("never delivered while the kiosk is away").isEqualTo("queued");
            assertThat(c.getString("deliveredAt")).isNull();
        }
        long cancelled = submit(kiosk, Map.of("name", "screen_on"));
        given().header("X-KioskOps-Actor", ACTOR).post("/api/commands/" + cancelled + "/cancel").then().statusCode(200)
                .body("state", equalTo("cancelled"));

        try (SimulatedFleet back = start(plan, state)) {
            for (long id : ids) {
                assertThat(awaitFinal(id).getString("state")).isEqualTo("succeeded");
            }
            await("settings applied").atMost(Duration.ofSeconds(30)).until(() -> back.agent(kiosk).telemetryIntervalSeconds() == 17);
            List<Instant> delivered = ids.stream().map(id -> Instant.parse(command(id).getString("deliveredAt"))).toList();
            assertThat(delivered).isSorted();
            assertThat(back.kiosk(kiosk).screen().state()).as("the cancelled screen_on never ran").isEqualTo(ScreenState.OFF);
            assertThat(command(cancelled).getString("state")).isEqualTo("cancelled");
            given().post("/api/commands/" + ids.get(0) + "/cancel").then().statusCode(409).body("code", equalTo("not_cancellable"));
        }
    }

    @Test
    void a_command_that_waits_past_its_expiry_is_not_run_and_shows_expired() throws Exception {
        FleetPlan plan = FleetPlan.generate(1, 1, 47, "exp-" + run, run + "-e-");
        String kiosk = plan.kiosks().get(0).deviceId();
        new HubRegistrar(URI.create(hubUrl.toString())).register(plan);
        long stale = submit(kiosk, Map.of("name", "screen_off", "ttlSeconds", 10));

        await("expired").atMost(Duration.ofSeconds(30)).until(() -> "expired".equals(command(stale).getString("state")));
        try (SimulatedFleet fleet = start(plan, null)) {
            long fresh = submit(kiosk, Map.of("name", "diagnostics"));
            assertThat(awaitFinal(fresh).getString("state")).isEqualTo("succeeded");
            assertThat(fleet.kiosk(kiosk).screen().state()).as("the expired command never ran").isEqualTo(ScreenState.ON);
            assertThat(command(stale).getString("state")).isEqualTo("expired");
            assertThat(command(stale).getString("sentAt")).isNull();
        }
    }

    @Test
    void concurrent_commands_are_each_answered_to_their_own_requester() throws Exception {
        FleetPlan plan = FleetPlan.generate(1, 1, 53, "conc-" + run, run + "-n-");
        try (SimulatedFleet fleet = start(plan, null)) {
            String kiosk = plan.kiosks().get(0).deviceId();
            ExecutorService requesters = Executors.newFixedThreadPool(6);
            try {
                List<CompletableFuture<Map.Entry<String, Long>>> futures = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    String name = List.of("diagnostics", "screen_on", "screen_off").get(i % 3);
                    futures.add(CompletableFuture.supplyAsync(() -> Map.entry(name, submit(kiosk, Map.of("name", name))), requesters));
                }
                Map<Long, String> asked = new HashMap<>();
                for (CompletableFuture<Map.Entry<String, Long>> f : futures) {
                    Map.Entry<String, Long> e = f.get();
                    asked.put(e.getValue(), e.getKey());
                }
                assertThat(asked).hasSize(12);
                asked.forEach((id, name) -> {
                    JsonPath answer = awaitFinal(id);
                    assertThat(answer.getString("name")).isEqualTo(name);
                    assertThat(answer.getString("state")).isEqualTo("succeeded");
                    switch (name) {
                        case "diagnostics" -> assertThat(answer.getString("result")).contains("agentVersion");
                        case "screen_on" -> assertThat(answer.getString("detail")).isEqualTo("screen on");
                        default -> assertThat(answer.getString("detail")).isEqualTo("screen off");
                    }
                });
            } finally {
                requesters.shutdownNow();
            }
        }
    }

    private SimulatedFleet start(FleetPlan plan, Path stateDir) throws Exception {
        return SimulatedKiosks.start(hubUrl, plan, stateDir);
    }

    private static long submit(String kiosk, Map<String, ?> body) {
        return given().contentType("application/json").header("X-KioskOps-Actor", ACTOR).body(body)
                .post("/api/devices/" + kiosk + "/commands").then().statusCode(202).extract().jsonPath().getLong("id");
    }

    private static JsonPath command(long id) {
        return given().get("/api/commands/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath awaitFinal(long id) {
        await("command " + id + " answered").atMost(Duration.ofSeconds(30)).until(() ->
                List.of("succeeded", "failed", "expired").contains(command(id).getString("state")));
        return command(id);
    }

    private static String connection(String kiosk) {
        return given().get("/api/devices/" + kiosk).then().extract().jsonPath().getString("device.connection");
    }
}
