package org.kioskops.hub;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.support.DeviceMessages;
import org.kioskops.hub.support.OwnMosquittoProfile;
import org.kioskops.protocol.Birth;
import org.kioskops.protocol.DeviceMessage;
import org.kioskops.protocol.Inventory;
import org.kioskops.protocol.MessageKind;
import org.kioskops.protocol.ProtocolCodec;
import org.kioskops.protocol.Receipt;
import org.kioskops.protocol.TelemetryBatch;
import org.kioskops.protocol.TelemetrySample;
import org.kioskops.protocol.Topics;
import org.kioskops.testing.MqttProbe;

/** Contract 1.5 from a device's side: what it stores, it confirms; what it refuses, it says; a device that did not ask gets nothing. */
@QuarkusTest
@TestProfile(OwnMosquittoProfile.class)
class ReceiptsIT {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private final String run = Long.toString(System.nanoTime(), 36);
    private MqttProbe device;
    private MqttProbe listener;

    @BeforeEach
    void connect() {
        String broker = ConfigProvider.getConfig().getValue("kioskops.mqtt.url", String.class);
        device = MqttProbe.connect(broker);
        listener = MqttProbe.connect(broker).subscribe("kioskops/v1/+/receipt");
    }

    @AfterEach
    void close() {
        device.close();
        listener.close();
    }

    private static Birth birth(String id, Boolean receipts) {
        return new Birth(DeviceMessage.VERSION, id, 1, Instant.parse("2026-12-02T08:00:00Z"), 0, "e-" + id, "diy", "diy-box", null,
                new Inventory(null, List.of(), List.of(), List.of()), null, null, 30, receipts);
    }

    private static TelemetryBatch telemetry(String id, long seq) {
        Instant ts = Instant.parse("2026-12-02T08:00:00Z").plusSeconds(seq);
        return new TelemetryBatch(DeviceMessage.VERSION, id, seq, ts, List.of(new TelemetrySample(ts, 100 + seq, null, null, null, null)));
    }

    private List<Receipt> receiptsFor(String id) {
        List<Receipt> receipts = new ArrayList<>();
        for (MqttProbe.Received r : listener.on(Topics.receiptTopic(id))) {
            try {
                receipts.add(CODEC.decodeReceipt(id, r.payload()));
            } catch (Exception e) {
                throw new AssertionError("the hub sent an invalid receipt: " + r.text(), e);
            }
        }
        return receipts;
    }

    private static boolean stored(List<Receipt> receipts, long seq) {
        return receipts.stream().anyMatch(r -> r.stored().stream().anyMatch(range -> range.contains(seq)));
    }

    @Test
    void a_device_that_asks_learns_what_was_stored_stored_again_and_refused() {
        String id = run + "-asks";
        device.publish(Topics.topic(id, MessageKind.BIRTH), CODEC.encode(birth(id, true)), true);
        device.publish(Topics.topic(id, MessageKind.TELEMETRY), CODEC.encode(telemetry(id, 2)), false);
        await().atMost(Duration.ofSeconds(20)).until(() -> stored(receiptsFor(id), 2));
        // its receipt lost on the way, say: the device sends the reading again, and is told again
        device.publish(Topics.topic(id, MessageKind.TELEMETRY), CODEC.encode(telemetry(id, 2)), false);
        device.publish("kioskops/v1/" + id + "/telemetry", ("{\"v\":\"1.5\",\"deviceId\":\"" + id + "\",\"seq\":3,\"ts\":\"2026-12-02T08:00:03Z\","
                + "\"samples\":[{\"ts\":\"2026-12-02T08:00:03Z\",\"system\":{\"cpuTempC\":999}}]}").getBytes(), false);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<Receipt> receipts = receiptsFor(id);
            assertThat(stored(receipts, 1)).as("the birth").isTrue();
            assertThat(receipts.stream().filter(r -> r.stored().stream().anyMatch(range -> range.contains(2))).count())
                    .as("the reading, and again for its copy").isEqualTo(2);
            assertThat(receipts).flatExtracting(Receipt::refused).containsExactly(new Receipt.Refusal(3, "invalid_value"));
            assertThat(receipts).allSatisfy(r -> assertThat(r.epoch()).isEqualTo("e-" + id));
        });
        given().get("/api/devices/" + id).then().statusCode(200);
    }

    @Test
    void a_device_that_does_not_ask_gets_no_receipt() {
        String quiet = run + "-quiet";
        String asking = run + "-control";
        new DeviceMessages(quiet, device).connect(2).publish(telemetry(quiet, 3));
        device.publish(Topics.topic(asking, MessageKind.BIRTH), CODEC.encode(birth(asking, true)), true);

        // the asking device's receipt proves the hub sent what it had to send by then
        await().atMost(Duration.ofSeconds(20)).until(() -> stored(receiptsFor(asking), 1));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/devices/" + quiet).then()
                .body("sequence.received", Matchers.equalTo(3)));
        assertThat(receiptsFor(quiet)).isEmpty();
        assertThat(given().get("/q/metrics").asString()).contains("kioskops_ingest_receipts_total{outcome=\"sent\"}");
    }
}
