package org.kioskops.hub.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.support.FastAlertsProfile;

/** The dashboard's page and its live feed, without a browser (DashboardBrowserIT drives one). */
@QuarkusTest
@TestProfile(FastAlertsProfile.class)
class DashboardPagesIT {
    @TestHTTPResource("/")
    URL hub;

    @Test
    void the_overview_is_served_under_ui_with_its_scripts() {
        given().get("/ui/").then().statusCode(200).body(containsString("<title>KioskOps</title>"));
        given().get("/ui/app.js").then().statusCode(200).body(containsString("/api/live"));
        given().get("/ui/i18n.js").then().statusCode(200).body(containsString("zh-CN"));
    }

    @Test
    void the_live_feed_starts_with_the_current_version_as_a_server_sent_event() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(hub + "api/live")).timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line = events.readLine();
            assertThat(line).matches("data: ?\\d+");
        }
    }
}
