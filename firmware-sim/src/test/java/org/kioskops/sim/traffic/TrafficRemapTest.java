package org.kioskops.sim.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficRemapTest {
    private final TrafficRemap remap = new TrafficRemap("r1-", Duration.ofDays(7));

    @Test
    void prefixes_the_device_in_topic_and_payload_and_moves_every_timestamp() {
        String payload = """
                {"v":"1.3","deviceId":"kiosk-0001","seq":42,"samples":[{"ts":"2026-11-21T08:00:00Z","health":[
                {"device":"bp-1","kind":"heart_rate","value":71.0,"unit":"bpm","measuredAt":"2026-11-21T07:59:30.500Z"}]}]}""";

        String out = new String(remap.payload(payload.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);

        assertThat(remap.topic(TrafficRemap.fromDevice("kioskops/v1/kiosk-0001/telemetry").orElseThrow()))
                .isEqualTo("kioskops/v1/r1-kiosk-0001/telemetry");
        assertThat(out).contains("\"deviceId\":\"r1-kiosk-0001\"", "\"seq\":42", "\"ts\":\"2026-11-28T08:00:00Z\"",
                "\"measuredAt\":\"2026-11-28T07:59:30.500Z\"", "\"device\":\"bp-1\"");
    }

    @Test
    void keeps_what_is_not_the_contracts() {
        byte[] binary = {(byte) 0xff, 0x00, 0x13};
        assertThat(remap.payload(binary)).isEqualTo(binary);
        assertThat(TrafficRemap.fromDevice("$SYS/broker/uptime")).isEmpty();
        assertThat(TrafficRemap.fromDevice("kioskops/v1/kiosk-0001/config")).as("the hub's, not the device's").isEmpty();
        assertThat(TrafficRemap.fromDevice("kioskops/v1/kiosk-0001/command")).isEmpty();
        assertThatThrownBy(() -> new TrafficRemap("x".repeat(60), Duration.ZERO).device("kiosk-0001"))
                .hasMessageContaining("not valid after adding the prefix");
    }

    @Test
    void a_record_keeps_binary_payloads_and_mqtt5_properties_across_a_line() throws Exception {
        TrafficRecord r = TrafficRecord.of(Instant.parse("2026-11-28T08:00:00.123Z"), "kioskops/v1/k/command-result", 1, false,
                new byte[] {(byte) 0xff, 1}, new TrafficRecord.Properties(null, null, "AQI=", 60L, Map.of("trace", "abc")));

        TrafficRecord back = TrafficRecord.parse(r.toJson());

        assertThat(back.bytes()).containsExactly((byte) 0xff, 1);
        assertThat(back.properties()).isEqualTo(r.properties());
        assertThat(back.at()).isEqualTo(Instant.parse("2026-11-28T08:00:00.123Z"));
        assertThat(TrafficRecord.of(r.at(), "t", 0, true, "{}".getBytes(StandardCharsets.UTF_8), null).toJson())
                .contains("\"payload\":\"{}\"").doesNotContain("payloadBase64", "properties");
    }
}
