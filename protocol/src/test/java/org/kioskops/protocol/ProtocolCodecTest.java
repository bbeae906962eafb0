package org.kioskops.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.kioskops.protocol.GoldenPayloads.DEVICE;
import static org.kioskops.protocol.GoldenPayloads.bytes;
import static org.kioskops.protocol.GoldenPayloads.edit;
import static org.kioskops.protocol.GoldenPayloads.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtocolCodecTest {
    private final ProtocolCodec codec = new ProtocolCodec();

    @ParameterizedTest
    @CsvSource({
        "birth.json, birth",
        "status-online.json, status",
        "status-will.json, status",
        "telemetry.json, telemetry",
        "events.json, events",
        "heartbeat.json, heartbeat"})
    void golden_examples_round_trip_unchanged(String file, String kind) throws Exception {
        ObjectNode golden = load(file);
        String topic = "kioskops/v1/" + DEVICE + "/" + kind;

        DeviceMessage decoded = codec.decode(topic, bytes(golden));
        byte[] encoded = codec.encode(decoded);

        assertThat(GoldenPayloads.MAPPER.readTree(encoded)).isEqualTo(golden);
        assertThat(codec.decode(topic, encoded)).isEqualTo(decoded);
        assertThat(decoded.topic()).isEqualTo(topic);
    }

    @Test
    void decodes_every_part_of_a_telemetry_sample() throws Exception {
        TelemetryBatch batch = codec.decode("kioskops/v1/kiosk-0001/telemetry", bytes(load("telemetry.json")), TelemetryBatch.class);

        TelemetrySample sample = batch.samples().get(0);
        assertThat(batch.seq()).isEqualTo(1003);
        assertThat(sample.uptimeSeconds()).isEqualTo(69);
        assertThat(sample.screen()).isEqualTo(new TelemetrySample.ScreenReading(ScreenState.ON, 80));
        assertThat(sample.lockers().get(0).compartments()).containsExactly(
                new TelemetrySample.CompartmentReading(1, true, false),
                new TelemetrySample.CompartmentReading(2, false, true),
                new TelemetrySample.CompartmentReading(3, false, false));
        assertThat(sample.health()).extracting(TelemetrySample.HealthReading::kind)
                .containsExactly(HealthKind.BLOOD_PRESSURE_SYSTOLIC, HealthKind.BLOOD_PRESSURE_DIASTOLIC);
        assertThat(sample.system().cpuTempC()).isEqualTo(51.5);
    }

    @Test
    void accepts_timestamps_with_an_offset_as_the_same_instant() throws Exception {
        ObjectNode payload = edit("status-online.json", "ts", "\"2026-11-28T09:30:00.125+08:00\"");

        DeviceMessage status = codec.decode("kioskops/v1/kiosk-0001/status", bytes(payload));

        assertThat(status.ts()).isEqualTo(Instant.parse("2026-11-28T01:30:00.125Z"));
    }

    @Test
    void ignores_unknown_fields_at_every_level() throws Exception {
        ObjectNode payload = load("telemetry.json");
        payload.put("firmwareBuild", "2026.11");
        ObjectNode sample = (ObjectNode) payload.withArray("samples").get(0);
        sample.putObject("printer").put("paperLow", true);
        ((ObjectNode) sample.get("screen")).put("panelHours", 1200);
        ((ObjectNode) sample.withArray("lockers").get(0).withArray("compartments").get(0)).put("weightGrams", 850);

        DeviceMessage decoded = codec.decode("kioskops/v1/kiosk-0001/telemetry", bytes(payload));

        assertThat(decoded).isEqualTo(codec.decode("kioskops/v1/kiosk-0001/telemetry", bytes(load("telemetry.json"))));
    }

    @Test
    void accepts_a_newer_minor_version() throws Exception {
        DeviceMessage decoded = codec.decode("kioskops/v1/kiosk-0001/events", bytes(edit("events.json", "v", "\"1.7\"")));

        assertThat(decoded.v()).isEqualTo("1.7");
    }

    @Test
    void leaves_absent_optional_parts_out_when_encoding() {
        TelemetryBatch batch = new TelemetryBatch(DeviceMessage.VERSION, DEVICE, 5, Instant.parse("2026-11-28T00:00:00Z"),
                List.of(new TelemetrySample(Instant.parse("2026-11-28T00:00:00Z"), 12L, null, null, null, null)));

        String json = new String(codec.encode(batch), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"v\":\"" + DeviceMessage.VERSION + "\",\"deviceId\":\"kiosk-0001\",\"seq\":5,\"ts\":\"2026-11-28T00:00:00Z\","
                + "\"samples\":[{\"ts\":\"2026-11-28T00:00:00Z\",\"uptimeSeconds\":12}]}");
    }

    @Test
    void rejects_a_payload_over_the_size_limit_before_parsing_it() {
        byte[] payload = new byte[Limits.MAX_PAYLOAD_BYTES + 1];

        ProtocolException e = catchThrowableOfType(ProtocolException.class,
                () -> codec.decode("kioskops/v1/kiosk-0001/telemetry", payload));

        assertThat(e.error()).isEqualTo(ProtocolError.PAYLOAD_TOO_LARGE);
    }

    @Test
    void rejects_an_oversized_batch_with_its_own_code() {
        ObjectNode payload = load("telemetry.json");
        var samples = payload.withArray("samples");
        for (int i = 0; i < Limits.MAX_SAMPLES_PER_BATCH; i++) {
            samples.add(samples.get(0).deepCopy());
        }

        ProtocolException e = catchThrowableOfType(ProtocolException.class,
                () -> codec.decode("kioskops/v1/kiosk-0001/telemetry", bytes(payload)));

        assertThat(e.error()).isEqualTo(ProtocolError.BATCH_TOO_LARGE);
        assertThat(e.field()).isEqualTo("samples");
    }

    @Test
    void rejects_deeply_nested_json_as_malformed() {
        String deep = "{\"v\":\"1.0\",\"x\":" + "[".repeat(100) + "]".repeat(100) + "}";

        ProtocolException e = catchThrowableOfType(ProtocolException.class,
                () -> codec.decode("kioskops/v1/kiosk-0001/events", deep.getBytes(StandardCharsets.UTF_8)));

        assertThat(e.error()).isEqualTo(ProtocolError.MALFORMED_JSON);
    }
}
