package org.kioskops.hub;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.support.EmbeddedTlsProfile;
import org.kioskops.hub.support.Sites;

/**
 * Runs section 12 of docs/protocol.md as written, with curl and mosquitto_pub, against the hub on its
 * embedded broker: a third party following the page gets a working device.
 */
@QuarkusTest
@TestProfile(EmbeddedTlsProfile.class)
class ProtocolWalkthroughIT {
    private static final Pattern SH_BLOCK = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL);

    @TestHTTPResource("/")
    URL hub;

    @Test
    void the_mosquitto_pub_walkthrough_of_protocol_md_gives_an_online_kiosk_with_its_lockers() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "protocol.md"));
        String section = doc.substring(doc.indexOf("## 12. A device with mosquitto_pub"), doc.indexOf("## 13."));
        List<String> blocks = new ArrayList<>();
        Matcher m = SH_BLOCK.matcher(section);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        // registration, connection, telemetry and events; the TLS and check blocks are examples to adapt
        String script = String.join("\n", blocks.subList(0, 3));
        int brokerPort = URI.create(ConfigProvider.getConfig().getValue("test.broker.plain-url", String.class).replace("tcp", "http")).getPort();
        // the only substitutions: this hub's addresses, and a token (users are off in this profile; AccessIT checks them)
        assertThat(script).contains("TOKEN=$(cat data/demo-api-token)");
        script = script.replace("http://127.0.0.1:8080", hub.toString().replaceAll("/$", ""))
                .replace("-p 1884", "-p " + brokerPort)
                .replace("TOKEN=$(cat data/demo-api-token)", "TOKEN=kio_not-checked-with-users-off");

        Sites.put("walk-city", "city", null);
        Sites.put("walk-district", "district", "walk-city");
        Sites.put("walk-street", "street", "walk-district");
        Sites.put("walk-community", "community", "walk-street");
        Sites.put("site-1", "site", "walk-community");

        Process bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).redirectErrorStream(true).start();
        assertThat(bash.waitFor(60, TimeUnit.SECONDS)).as("walkthrough finished").isTrue();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.exitValue()).as("walkthrough exit code; output:%n%s", output).isZero();

        await("kiosk-diy-1 online with its events").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/api/devices/kiosk-diy-1").then().statusCode(200)
                        .body("device.connection", equalTo("online"))
                        .body("device.siteId", equalTo("site-1"))
                        .body("device.compartments", equalTo(4))
                        .body("device.occupied", equalTo(1))
                        .body("sequence.missing", equalTo(0)));
        given().queryParam("deviceId", "kiosk-diy-1").get("/api/ingest/rejections").then().statusCode(200)
                .body("size()", equalTo(0));
    }
}
