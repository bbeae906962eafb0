package org.kioskops.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.support.AuthProfile;

/** The dashboard on a hub with users, in Debian's Chromium: a stranger is sent to log in, and lands on the live overview. */
@QuarkusTest
@TestProfile(AuthProfile.class)
class DashboardLoginBrowserIT {
    private static final Path SCRIPTS = Path.of("src", "test", "browser");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    @TestHTTPResource("/")
    URL hub;

    @Test
    void a_stranger_is_sent_to_log_in_and_lands_on_the_live_overview() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM + " (apt-get install chromium; .ci/run does)");
        Assumptions.assumeTrue(Files.isDirectory(SCRIPTS.resolve("node_modules/playwright-core")),
                "playwright-core not installed (npm ci in " + SCRIPTS + "; .ci/run does)");
        Path shot = Files.createDirectories(Path.of("target", "screenshots")).resolve("login-then-overview.png");
        Process browser = new ProcessBuilder("node", SCRIPTS.resolve("login.mjs").toString(), hub.toString().replaceAll("/$", ""), "admin",
                AuthProfile.ADMIN_PASSWORD, shot.toAbsolutePath().toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
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
    }
}
