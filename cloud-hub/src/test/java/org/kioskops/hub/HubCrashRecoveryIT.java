package org.kioskops.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kioskops.hub.support.HubHttp;
import org.kioskops.hub.support.HubProcess;
import org.kioskops.protocol.DeviceMessage;
import org.kioskops.protocol.ProtocolCodec;
import org.kioskops.protocol.TelemetryBatch;
import org.kioskops.protocol.TelemetrySample;
import org.kioskops.testing.MosquittoBroker;
import org.kioskops.testing.MqttProbe;

/**
 * The packaged hub is killed with SIGKILL while devices stream telemetry, then restarted: every message
 * the broker delivered is stored exactly once, checked by sequence numbers. Relies on the hub
 * acknowledging only after its commit and on its persistent MQTT session.
 */
class HubCrashRecoveryIT {
    private static final int DEVICES = 10;
    private static final int MESSAGES_PER_DEVICE = 300;
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    @TempDir
    Path dir;
    private MosquittoBroker broker;
    private HubProcess hub;

    @BeforeEach
    void start() {
        broker = MosquittoBroker.start(dir.resolve("broker"));
        hub = HubProcess.asBuilt(dir.resolve("hub"), Map.of("kioskops.mqtt.url", broker.url(), "kioskops.mqtt.client-id", "crash-test-hub"))
                .start();
    }

    @AfterEach
    void stop() {
        hub.close();
        broker.close();
    }

    private HubHttp api() {
        // the hub runs as in production, with users: its first administrator has this token
        return new HubHttp(hub.baseUri(), HubProcess.TOKEN);
    }

    private long accepted() {
        return api().get("/api/ingest/stats").path("accepted").path("telemetry").asLong();
    }

    @Test
    void every_delivered_message_is_stored_exactly_once_after_the_hub_is_killed_mid_stream() throws Exception {
        for (Map.Entry<String, String> site : List.of(Map.entry("city", "city"), Map.entry("district", "district"),
                Map.entry("street", "street"), Map.entry("community", "community"), Map.entry("site", "site"))) {
            String parent = switch (site.getKey()) {
                case "district" -> "crash-city";
                case "street" -> "crash-district";
                case "community" -> "crash-street";
                case "site" -> "crash-community";
                default -> null;
            };
            assertThat(api().put("/api/sites/crash-" + site.getKey(), parent == null ? Map.of("kind", site.getKey(), "name", site.getValue())
                    : Map.of("kind", site.getKey(), "name", site.getValue(), "parentId", parent))).isEqualTo(201);
        }
        for (int d = 0; d < DEVICES; d++) {
            assertThat(api().put("/api/devices/crash-" + d, Map.of("siteId", "crash-site"))).isEqualTo(201);
        }
        AtomicInteger published = new AtomicInteger();
        Thread publisher = new Thread(() -> {
            try (MqttProbe mqtt = MqttProbe.connect(broker.url())) {
                Instant t = Instant.parse("2026-11-28T06:00:00Z");
                for (int seq = 0; seq < MESSAGES_PER_DEVICE; seq++) {
                    for (int d = 0; d < DEVICES; d++) {
                        Instant ts = t.plusSeconds(seq);
                        TelemetryBatch batch = new TelemetryBatch(DeviceMessage.VERSION, "crash-" + d, seq, ts,
                                List.of(new TelemetrySample(ts, (long) seq, null, null, null, null)));
                        mqtt.publish(batch.topic(), CODEC.encode(batch), false);
                        published.incrementAndGet();
                    }
                }
            }
        }, "crash-test-publisher");
        publisher.start();

        await("a third stored").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> accepted() >= DEVICES * MESSAGES_PER_DEVICE / 3);
        hub.kill();
        long publishedAtKill = published.get();
        hub.start();
        publisher.join(TimeUnit.SECONDS.toMillis(60));

        assertThat(publishedAtKill).as("the hub was killed mid-stream").isLessThan(DEVICES * MESSAGES_PER_DEVICE);
        assertThat(published.get()).isEqualTo(DEVICES * MESSAGES_PER_DEVICE);
        for (int d = 0; d < DEVICES; d++) {
            String device = "crash-" + d;
            await(device + " complete").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                JsonNode sequence = api().get("/api/devices/" + device).path("sequence");
                assertThat(sequence.path("highest").asLong()).isEqualTo(MESSAGES_PER_DEVICE - 1);
                assertThat(sequence.path("missing").asLong()).isZero();
            });
            List<Double> count = new ArrayList<>();
            api().get("/api/devices/" + device + "/telemetry?metric=uptime_seconds&agg=count&step=1d"
                    + "&from=2026-11-28T00:00:00Z&to=2026-11-29T00:00:00Z").path(0).path("points").forEach(p -> count.add(p.path("v").asDouble()));
            assertThat(count).as(device + " samples stored").containsExactly((double) MESSAGES_PER_DEVICE);
        }
        assertThat(Files.readString(hub.log())).contains("session present: true");
    }
}
