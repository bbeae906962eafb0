package org.kioskops.hub;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kioskops.hub.coap.CoapLifecycle;
import org.kioskops.hub.support.ReleaseKeys;
import org.kioskops.hub.support.UploadsProfile;
import org.kioskops.protocol.ScreenState;
import org.kioskops.sim.FleetOptions;
import org.kioskops.sim.FleetPlan;
import org.kioskops.sim.HubRegistrar;
import org.kioskops.sim.SimulatedFleet;

/**
 * The same scenario with kiosks on the real agent code talking MQTT to the broker and CoAP over DTLS to the hub:
 * online, a parcel's events and telemetry, new settings applied, a command run, a software update installed, a dead
 * box taken offline, and no sequence number missing. Whatever the transport, the hub must show the same.
 */
@QuarkusTest
@TestProfile(UploadsProfile.class)
class TransportParityIT {
    enum Transport {
        MQTT, COAP
    }

    @TestHTTPResource("/")
    URL hub;

    @Inject
    CoapLifecycle coap;

    private final String run = Long.toString(System.nanoTime(), 36);

    @ParameterizedTest
    @EnumSource(Transport.class)
    void the_hub_shows_the_same_whatever_the_transport(Transport transport) throws Exception {
        FleetPlan plan = FleetPlan.generate(2, 1, 71, "parity-" + run + "-" + transport, run + "-" + transport.name().toLowerCase() + "-");
        String first = plan.kiosks().get(0).deviceId();
        String second = plan.kiosks().get(1).deviceId();
        HubRegistrar registrar = new HubRegistrar(URI.create(hub.toString()));
        Map<String, String> secrets = new HashMap<>(registrar.register(plan));
        String url = ConfigProvider.getConfig().getValue("kioskops.mqtt.url", String.class);
        if (transport == Transport.COAP) {
            url = "coaps://127.0.0.1:" + coap.port();
            for (String id : List.of(first, second)) {
                secrets.put(id, registrar.issuePsk(id));
            }
        }
        FleetOptions options = FleetOptions.defaults(url).withSecrets(secrets).withActivity(0).withTelemetryInterval(Duration.ofSeconds(60))
                .withKeepAlive(5).withUpdates(new FleetOptions.Updates(ReleaseKeys.TRUSTED_PUBLIC_PEM, 0, "1.0.0", Duration.ofSeconds(2)));

        try (SimulatedFleet fleet = SimulatedFleet.start(plan, options)) {
            fleet.pauseActivity();
            await("both online").atMost(Duration.ofSeconds(30)).until(() -> "online".equals(connection(first)) && "online".equals(connection(second)));

            fleet.kiosk(first).banks().get(0).deposit(3);
            fleet.agent(first).sampleNow();
            await("the parcel's events").atMost(Duration.ofSeconds(20)).until(() -> !given().queryParam("type", "parcel_deposited")
                    .get("/api/devices/" + first + "/events").then().extract().jsonPath().getList("$").isEmpty());

            given().contentType("application/json").body(Map.of("telemetry", Map.of("intervalSeconds", 17)))
                    .put("/api/config/devices/" + first).then().statusCode(200);
            await("settings applied").atMost(Duration.ofSeconds(20)).until(() -> fleet.agent(first).telemetryIntervalSeconds() == 17);

            long command = given().contentType("application/json").body(Map.of("name", "screen_off"))
                    .post("/api/devices/" + first + "/commands").then().statusCode(202).extract().jsonPath().getLong("id");
            await("command answered").atMost(Duration.ofSeconds(20)).until(() -> "succeeded".equals(command(command).getString("state")));
            assertThat(fleet.kiosk(first).screen().state()).isEqualTo(ScreenState.OFF);

            String version = "8." + Math.abs(System.nanoTime() % 1_000_000_000L) + "." + transport.ordinal();
            byte[] file = ("agent " + version).getBytes(StandardCharsets.UTF_8);
            long release = given().multiPart("file", "agent.zip", file, "application/zip").multiPart("kind", "agent")
                    .multiPart("version", version).multiPart("hardwareModels", "sim-kiosk-v1")
                    .multiPart("signature", ReleaseKeys.sign(ReleaseKeys.TRUSTED, file)).post("/api/releases").then().statusCode(201)
                    .extract().jsonPath().getLong("id");
            long campaign = given().contentType("application/json").body(Map.of("name", "parity " + transport, "releaseId", release,
                    "waves", "100%", "target", Map.of("deviceIds", List.of(first)))).post("/api/campaigns").then().statusCode(201)
                    .extract().jsonPath().getLong("id");
            await("the update installed").atMost(Duration.ofSeconds(40)).until(() -> "completed".equals(given()
                    .get("/api/campaigns/" + campaign).then().extract().jsonPath().getString("state")));
            await("the box announces its new version").atMost(Duration.ofSeconds(20)).until(() -> version.equals(given()
                    .get("/api/devices/" + first).then().extract().jsonPath().getString("device.agentVersion")));

            fleet.kill(second);
            await("the dead box offline").atMost(Duration.ofSeconds(30)).until(() -> "offline".equals(connection(second)));

            // birth, status, telemetry twice, events, the settings' state, the command's answers; counts are kept a second later
            await("the first box's messages counted").atMost(Duration.ofSeconds(10))
                    .until(() -> given().get("/api/devices/" + first).then().extract().jsonPath().getLong("sequence.received") >= 5);
            JsonPath sequence = given().get("/api/devices/" + first).then().extract().jsonPath();
            assertThat(sequence.getLong("sequence.missing")).as(sequence.getString("sequence.missingRanges")).isZero();
        }
    }

    private static JsonPath command(long id) {
        return given().get("/api/commands/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static String connection(String kiosk) {
        return given().get("/api/devices/" + kiosk).then().extract().jsonPath().getString("device.connection");
    }
}
