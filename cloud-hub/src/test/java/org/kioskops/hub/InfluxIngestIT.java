package org.kioskops.hub;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.support.DeviceMessages;
import org.kioskops.hub.support.FakeInfluxProfile;
import org.kioskops.hub.support.Sites;
import org.kioskops.testing.MqttProbe;

/**
 * With the InfluxDB store, a message is acknowledged only after InfluxDB accepted its samples: while the
 * server answers 503 the hub stores nothing and keeps retrying; when it recovers, every message is there.
 */
@QuarkusTest
@TestProfile(FakeInfluxProfile.class)
class InfluxIngestIT {
    private static long accepted() {
        Map<String, Integer> accepted = given().get("/api/ingest/stats").then().extract().jsonPath().getMap("accepted");
        return accepted.getOrDefault("telemetry", 0);
    }

    @Test
    void holds_telemetry_unacknowledged_while_influxdb_is_down_and_stores_it_when_it_recovers() {
        String run = "infl" + Long.toString(System.nanoTime(), 36);
        String site = Sites.chain(run);
        String device = run + "-k1";
        Sites.register(device, site);
        long before = accepted();
        FakeInfluxProfile.influx.answerWritesWith(503);

        try (MqttProbe mqtt = MqttProbe.connect(ConfigProvider.getConfig().getValue("kioskops.mqtt.url", String.class))) {
            DeviceMessages messages = new DeviceMessages(device, mqtt);
            for (int i = 0; i < 5; i++) {
                messages.publish(messages.telemetry(2, 1));
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> FakeInfluxProfile.influx.writes().size() >= 3);
            assertThat(accepted()).isEqualTo(before);

            FakeInfluxProfile.influx.answerWritesWith(204);

            await().atMost(Duration.ofSeconds(30)).until(() -> accepted() == before + 5);
        }
        // the hub may split the retried messages over several writes; a retry resends identical lines
        List<String> samples = FakeInfluxProfile.influx.writes().stream().flatMap(w -> w.body().lines())
                .filter(l -> l.startsWith("kiosk,") && l.contains("device=" + device + ",")).distinct().toList();
        assertThat(samples).hasSize(5)
                .allSatisfy(line -> assertThat(line).contains("device=" + device, "site=" + site, "community=" + run + "-community"));
    }
}
