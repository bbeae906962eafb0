package org.kioskops.hub.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.support.FastAlertsProfile;
import org.kioskops.hub.support.SimulatedKiosks;
import org.kioskops.sim.FleetPlan;
import org.kioskops.sim.SimulatedFleet;

/**
 * The contractor's overview in Debian's Chromium (playwright-core, src/test/browser) against the hub with simulated
 * kiosks on the real agent: a kiosk killed in the simulator shows up as broken on an open page without a reload,
 * on a desk-sized and a phone-sized window; acknowledging it in one window changes it in the other, and so do an
 * assignment and a comment made on the phone; its link leads
 * to its device page, and a live kiosk's page charts its telemetry. Screenshots are kept in target/screenshots.
 */
@QuarkusTest
@TestProfile(FastAlertsProfile.class)
class DashboardBrowserIT {
    private static final Path SCRIPTS = Path.of("src", "test", "browser");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    @TestHTTPResource("/")
    URL hub;

    private final String run = Long.toString(System.nanoTime(), 36);

    @Test
    void a_killed_kiosk_appears_on_every_open_overview_and_an_acknowledgement_reaches_the_other_window() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM + " (apt-get install chromium; .ci/run does)");
        Assumptions.assumeTrue(Files.isDirectory(SCRIPTS.resolve("node_modules/playwright-core")),
                "playwright-core not installed (npm ci in " + SCRIPTS + "; .ci/run does)");
        FleetPlan plan = FleetPlan.generate(2, 1, 81, "ui-" + run, "ui" + run + "-");
        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        try (SimulatedFleet fleet = SimulatedKiosks.start(hub, plan, null)) {
            String victim = plan.kiosks().get(0).deviceId();
            for (FleetPlan.KioskPlan k : plan.kiosks()) {
                await(k.deviceId() + " online").atMost(Duration.ofSeconds(20)).until(() -> "online".equals(given()
                        .get("/api/devices/" + k.deviceId()).then().extract().jsonPath().getString("device.connection")));
            }
            Process browser = new ProcessBuilder("node", SCRIPTS.resolve("overview.mjs").toString(), hub.toString().replaceAll("/$", ""),
                    shots.toAbsolutePath().toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8));
                 Writer in = new OutputStreamWriter(browser.getOutputStream(), StandardCharsets.UTF_8)) {
                String ready = out.readLine();
                assertThat(ready).as("the pages loaded and went live").isEqualTo("ready");

                fleet.kill(victim);
                in.write("killed " + victim + " " + plan.kiosks().get(1).deviceId() + "\n");
                in.flush();

                JsonPath result = JsonPath.from(out.readLine());
                assertThat(result.getString("error")).isNull();
                assertThat(result.getString("phoneHeading")).contains("运维总览");
                assertThat(result.getString("deskText")).contains("Box offline", victim);
                assertThat(result.getString("phoneText")).contains("设备离线");
                assertThat(result.getString("phoneAfter")).contains("已确认", "li.na@contractor.example");
                long appeared = result.getLong("appearedMs");
                System.out.printf("Overview: kiosk killed -> shown broken in both windows after %d ms (alert after 2 s offline); "
                        + "acknowledged in one window -> seen in the other after %d ms%n", appeared, result.getLong("acknowledgedSeenMs"));
                assertThat(appeared).as("within seconds, without a reload").isLessThan(15_000);
                assertThat(result.getString("deadPage")).contains("offline");
                assertThat(result.getString("deskAfterAssign")).contains("→ wang.qiang");
                assertThat(result.getString("treeBox")).as("under its site in the tree").contains(victim, "offline");
                assertThat(result.getList("charted", String.class)).as("the live kiosk's charts from the telemetry API")
                        .anySatisfy(c -> assertThat(c).startsWith("lockers_occupancy_pct=").doesNotEndWith("=0"));
                assertThat(result.getInt("compartments")).as("every compartment of its banks")
                        .isEqualTo(plan.kiosks().get(1).banks().stream().mapToInt(Integer::intValue).sum());
            } finally {
                assertThat(browser.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(shots.resolve("overview-phone.png")).exists();
            long alert = given().queryParam("device", victim).get("/api/alerts").then().extract().jsonPath().getLong("[0].id");
            JsonPath audited = given().get("/api/alerts/" + alert).then().statusCode(200).extract().jsonPath();
            assertThat(audited.getString("status")).isEqualTo("acknowledged");
            assertThat(audited.getString("assignee")).isEqualTo("wang.qiang");
            assertThat(audited.getList("comments.body", String.class)).containsExactly("power cable unplugged by cleaners");
            assertThat(audited.getList("comments.actor", String.class)).containsExactly("li.na@contractor.example");
        }
    }
}
