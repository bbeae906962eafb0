package org.kioskops.hub.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.support.DashboardScaleProfile;
import org.kioskops.hub.support.DeviceMessages;
import org.kioskops.sim.FleetPlan;
import org.kioskops.testing.MqttProbe;

/**
 * The overview of a 5,000-kiosk fleet in Debian's Chromium: every kiosk registered in 100 communities and
 * connected through the broker, 250 of them gone offline with an open alert; the page's time from navigation to
 * the complete overview is printed (and recorded in docs/benchmarks.md), not asserted.
 */
@QuarkusTest
@TestProfile(DashboardScaleProfile.class)
class DashboardScaleIT {
    private static final Path SCRIPTS = Path.of("src", "test", "browser");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final int KIOSKS = 5000;
    private static final int BROKEN = 250;

    @TestHTTPResource("/")
    URL hub;

    @Test
    void the_overview_of_five_thousand_kiosks_with_two_hundred_and_fifty_broken_is_measured_in_the_browser() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM + " (apt-get install chromium; .ci/run does)");
        Assumptions.assumeTrue(Files.isDirectory(SCRIPTS.resolve("node_modules/playwright-core")),
                "playwright-core not installed (npm ci in " + SCRIPTS + "; .ci/run does)");
        FleetPlan plan = FleetPlan.generate(KIOSKS, 100, 91, "scale", "scale-");
        for (FleetPlan.SiteNode site : plan.sites()) {
            Map<String, Object> body = new HashMap<>(Map.of("kind", site.kind(), "name", site.name()));
            if (site.parentId() != null) {
                body.put("parentId", site.parentId());
            }
            given().contentType("application/json").body(body).put("/api/sites/" + site.id()).then().statusCode(Matchers.oneOf(200, 201));
        }
        StringBuilder csv = new StringBuilder("device_id,site_id,hardware_model\n");
        plan.kiosks().forEach(k -> csv.append(k.deviceId()).append(',').append(k.siteId()).append(',').append(k.hardwareModel()).append('\n'));
        // one import of 5,000: allowed two minutes on a busy machine rather than the tests' default 30 s
        given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 120_000)))
                .contentType("text/csv").body(csv.toString()).post("/api/device-imports").then().statusCode(200);

        long started = System.nanoTime();
        try (MqttProbe mqtt = MqttProbe.connect(ConfigProvider.getConfig().getValue("kioskops.mqtt.url", String.class))) {
            for (int i = 0; i < KIOSKS; i++) {
                DeviceMessages kiosk = new DeviceMessages(plan.kiosks().get(i).deviceId(), mqtt).at(Instant.now()).connect(16);
                if (i % (KIOSKS / BROKEN) == 0) {
                    kiosk.loseConnection();
                }
            }
        }
        await("every kiosk heard and the broken ones alerted").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> given().queryParam("status", "active").queryParam("limit", 1000).get("/api/alerts").then().extract()
                        .jsonPath().getList("$").size() == BROKEN);
        System.out.printf("Dashboard scale: %d kiosks connected and %d of them offline with an alert after %d s%n", KIOSKS, BROKEN,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));

        Path shot = Files.createDirectories(Path.of("target", "screenshots")).resolve("overview-5000.png");
        Process browser = new ProcessBuilder("node", SCRIPTS.resolve("scale.mjs").toString(), hub.toString().replaceAll("/$", ""),
                Integer.toString(BROKEN), shot.toAbsolutePath().toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8))) {
            line = out.readLine();
        }
        assertThat(browser.waitFor(60, TimeUnit.SECONDS)).isTrue();
        JsonPath result = JsonPath.from(line);
        assertThat(result.getString("error")).isNull();
        assertThat(result.getInt("rows")).isEqualTo(BROKEN);
        List<Integer> runs = result.getList("runsMs", Integer.class);
        System.out.printf("Dashboard scale: overview of %d kiosks (%d broken, %d places) complete after %s ms from navigation%n",
                KIOSKS, BROKEN, result.getInt("places"), runs);
        assertThat(runs).hasSize(3);
    }
}
