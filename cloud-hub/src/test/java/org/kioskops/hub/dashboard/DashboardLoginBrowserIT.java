package org.kioskops.hub.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.support.AuthProfile;
import org.kioskops.hub.support.DeviceMessages;
import org.kioskops.hub.support.Sites;
import org.kioskops.testing.MqttProbe;

/**
 * The dashboard on a hub with users, in Debian's Chromium: a contractor is sent to log in, lands on the live
 * overview, and sees its organisation's broken box and sites, not another organisation's.
 */
@QuarkusTest
@TestProfile(AuthProfile.class)
class DashboardLoginBrowserIT {
    private static final Path SCRIPTS = Path.of("src", "test", "browser");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    @TestHTTPResource("/")
    URL hub;

    @Test
    void a_contractor_logs_in_and_sees_only_its_organisation_s_sites_and_broken_boxes() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM + " (apt-get install chromium; .ci/run does)");
        Assumptions.assumeTrue(Files.isDirectory(SCRIPTS.resolve("node_modules/playwright-core")),
                "playwright-core not installed (npm ci in " + SCRIPTS + "; .ci/run does)");
        String run = Long.toString(System.nanoTime(), 36);
        RestAssured.requestSpecification = new RequestSpecBuilder().addHeader("Authorization", "Bearer " + AuthProfile.ADMIN_TOKEN).build();
        String ours;
        String theirs;
        try {
            ours = Sites.chain("ui-ours-" + run);
            theirs = Sites.chain("ui-theirs-" + run);
            given().contentType("application/json").body(Map.of("organisation", "Lift & Locker Co " + run)).put("/api/sites/" + ours + "/owners/hardware")
                    .then().statusCode(200);
            given().contentType("application/json").body(Map.of("organisation", "Screens Ltd " + run)).put("/api/sites/" + theirs + "/owners/hardware")
                    .then().statusCode(200);
            Sites.register("ui-ours-" + run, ours);
            Sites.register("ui-theirs-" + run, theirs);
            try (MqttProbe mqtt = MqttProbe.connect(ConfigProvider.getConfig().getValue("kioskops.mqtt.url", String.class))) {
                new DeviceMessages("ui-ours-" + run, mqtt).at(Instant.now()).connect(4).loseConnection();
                new DeviceMessages("ui-theirs-" + run, mqtt).at(Instant.now()).connect(4).loseConnection();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> given().queryParam("status", "active").get("/api/alerts").then().extract()
                    .jsonPath().getList("deviceId", String.class).containsAll(List.of("ui-ours-" + run, "ui-theirs-" + run)));
            given().contentType("application/json").body(Map.of("username", "zhou-" + run, "password", "locker-fixer-pass", "role", "contractor",
                    "organisation", "Lift & Locker Co " + run)).post("/api/users").then().statusCode(201);
        } finally {
            RestAssured.requestSpecification = null;
        }
        Path shot = Files.createDirectories(Path.of("target", "screenshots")).resolve("contractor-overview.png");
        Process browser = new ProcessBuilder("node", SCRIPTS.resolve("login.mjs").toString(), hub.toString().replaceAll("/$", ""), "zhou-" + run,
                "locker-fixer-pass", shot.toAbsolutePath().toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8))) {
            line = out.readLine();
        }
        assertThat(browser.waitFor(30, TimeUnit.SECONDS)).isTrue();

        JsonPath result = JsonPath.from(line);
        assertThat(result.getString("error")).isNull();
        assertThat(result.getString("sentToLogin")).contains("/ui/login.html?next=%2Fui%2Findex.html");
        assertThat(result.getString("problem")).isEqualTo("Unknown user or wrong password.");
        assertThat(result.getString("landedOn")).endsWith("/ui/index.html");
        assertThat(result.getString("online")).matches("\\d+");
        assertThat(result.getList("rows", String.class)).containsExactly("ui-ours-" + run);
        assertThat(result.getList("places", String.class)).contains(ours).doesNotContain(theirs);
    }
}
