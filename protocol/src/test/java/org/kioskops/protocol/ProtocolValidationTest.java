package org.kioskops.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of contract violation is rejected with its own code and the path of the offending field. */
class ProtocolValidationTest {
    private static final Set<ProtocolError> SEEN = EnumSet.noneOf(ProtocolError.class);
    private final ProtocolCodec codec = new ProtocolCodec();

    private ProtocolException reject(String topic, byte[] payload) {
        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> codec.decode(topic, payload));
        assertThat(e).as("payload should be rejected").isNotNull();
        synchronized (SEEN) {
            SEEN.add(e.error());
        }
        return e;
    }

    @ParameterizedTest(name = "{0} {1}={2} -> {3}")
    @CsvSource(delimiter = '|', value = {
        // golden file        | path                                   | replacement JSON (empty = remove) | code               | field
        "telemetry.json       | v                                      | '\"2.0\"'                  | unsupported_version | v",
        "telemetry.json       | v                                      | '\"one\"'                  | invalid_value       | v",
        "telemetry.json       | v                                      |                            | missing_field       | v",
        "telemetry.json       | v                                      | 1                          | wrong_type          | v",
        "telemetry.json       | deviceId                               | '\"kiosk-0002\"'           | device_id_mismatch  | deviceId",
        "telemetry.json       | seq                                    | '\"17\"'                   | wrong_type          | seq",
        "telemetry.json       | seq                                    | -1                         | invalid_value       | seq",
        "telemetry.json       | seq                                    | 1.5                        | wrong_type          | seq",
        "telemetry.json       | seq                                    |                            | missing_field       | seq",
        "telemetry.json       | seq                                    | 99999999999999999999999    | invalid_value       | seq",
        "telemetry.json       | ts                                     | 1764293400                 | wrong_type          | ts",
        "telemetry.json       | ts                                     | '\"yesterday\"'            | invalid_value       | ts",
        "telemetry.json       | samples                                | '[]'                       | empty_batch         | samples",
        "telemetry.json       | samples                                | '{}'                       | wrong_type          | samples",
        "telemetry.json       | samples                                |                            | missing_field       | samples",
        "telemetry.json       | samples[0]                             | 7                          | wrong_type          | samples[0]",
        "telemetry.json       | samples[0].screen.state                | '\"blinking\"'             | unknown_enum_value  | samples[0].screen.state",
        "telemetry.json       | samples[0].screen.brightness           | 101                        | invalid_value       | samples[0].screen.brightness",
        "telemetry.json       | samples[0].uptimeSeconds               | '\"69\"'                   | wrong_type          | samples[0].uptimeSeconds",
        "telemetry.json       | samples[0].lockers[0].compartments[1].occupied | 1                  | wrong_type          | samples[0].lockers[0].compartments[1].occupied",
        "telemetry.json       | samples[0].lockers[0].compartments[1].no | 1                        | invalid_value       | samples[0].lockers[0].compartments",
        "telemetry.json       | samples[0].lockers[0].compartments[1].no | 0                        | invalid_value       | samples[0].lockers[0].compartments[1].no",
        "telemetry.json       | samples[0].lockers[0].bank             | '\"A/B\"'                  | invalid_value       | samples[0].lockers[0].bank",
        "telemetry.json       | samples[0].health[0].unit              | '\"kPa\"'                  | invalid_value       | samples[0].health[0].unit",
        "telemetry.json       | samples[0].health[0].value             | 900                        | invalid_value       | samples[0].health[0].value",
        "telemetry.json       | samples[0].health[0].kind              | '\"mood\"'                 | unknown_enum_value  | samples[0].health[0].kind",
        "telemetry.json       | samples[0].system.memUsedBytes         | 9999999999                 | invalid_value       | samples[0].system.memUsedBytes",
        "telemetry.json       | samples[0].system.cpuTempC             | '\"hot\"'                  | wrong_type          | samples[0].system.cpuTempC",
        "birth.json           | session                                | 1001                       | invalid_value       | session",
        "birth.json           | inventory                              |                            | missing_field       | inventory",
        "birth.json           | inventory.lockerBanks[1].id            | '\"A\"'                    | invalid_value       | inventory.lockerBanks",
        "birth.json           | inventory.lockerBanks[0].compartments  | 0                          | invalid_value       | inventory.lockerBanks[0].compartments",
        "birth.json           | inventory.healthDevices[0].kind        | '\"x-ray\"'                | unknown_enum_value  | inventory.healthDevices[0].kind",
        "birth.json           | agentVersion                           | '\"\"'                     | invalid_value       | agentVersion",
        "birth.json           | keepAliveSeconds                       | 2                          | invalid_value       | keepAliveSeconds",
        "birth.json           | lastStop                               | '\"maybe\"'                | unknown_enum_value  | lastStop",
        "birth.json           | startedAt                              | '\"yesterday\"'            | invalid_value       | startedAt",
        "heartbeat.json       | session                                | 1010                       | invalid_value       | session",
        "heartbeat.json       | session                                |                            | missing_field       | session",
        "status-will.json     | reason                                 |                            | missing_field       | reason",
        "status-will.json     | state                                  | '\"sleeping\"'             | unknown_enum_value  | state",
        "status-online.json   | reason                                 | '\"shutdown\"'             | invalid_value       | reason",
        "events.json          | events[0].type                         | '\"door_exploded\"'        | unknown_enum_value  | events[0].type",
        "events.json          | events[0].compartment                  |                            | missing_field       | events[0].compartment",
        "events.json          | events[3].session                      |                            | missing_field       | events[3].session",
        "events.json          | events[5].component                    | '\"locker\"'               | invalid_value       | events[5].component",
        "events.json          | events[5].code                         | '\"Jammed!\"'              | invalid_value       | events[5].code",
        "events.json          | events[4].device                       | 12                         | wrong_type          | events[4].device",
    })
    void rejects_each_violation_with_its_code_and_field(String golden, String path, String json, String code, String field) {
        String kind = golden.replace(".json", "").replaceAll("-.*", "");
        var payload = GoldenPayloads.edit(golden, path, json);

        ProtocolException e = reject("kioskops/v1/kiosk-0001/" + kind, GoldenPayloads.bytes(payload));

        assertThat(e.error().code()).isEqualTo(code);
        assertThat(e.field()).isEqualTo(field);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'{\"v\":\"1.0\",'",
        "'[1,2,3]'",
        "'\"just a string\"'",
        "'{\"v\":\"1.0\",\"v\":\"1.0\"}'",
        "'{\"v\":\"1.0\"} trailing'",
        "'not json at all'",
    })
    void rejects_malformed_json(String payload) {
        ProtocolException e = reject("kioskops/v1/kiosk-0001/telemetry", payload.getBytes(StandardCharsets.UTF_8));

        assertThat(e.error()).isEqualTo(ProtocolError.MALFORMED_JSON);
    }

    @Test
    void rejects_invalid_utf8_as_malformed() {
        byte[] payload = {'{', '"', 'v', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        assertThat(reject("kioskops/v1/kiosk-0001/events", payload).error()).isEqualTo(ProtocolError.MALFORMED_JSON);
    }

    @ParameterizedTest
    @CsvSource({
        "kioskops/v2/kiosk-0001/telemetry",
        "kioskops/v1/kiosk-0001/telemetry/extra",
        "kioskops/v1/kiosk-0001",
        "kioskops/v1/kiosk-0001/selfie",
        "kioskops/v1/-bad/telemetry",
        "kioskops/v1//telemetry",
        "other/kiosk-0001/telemetry",
    })
    void rejects_topics_outside_the_tree(String topic) {
        ProtocolException e = reject(topic, GoldenPayloads.bytes(GoldenPayloads.load("telemetry.json")));

        assertThat(e.error()).isEqualTo(ProtocolError.TOPIC_INVALID);
    }

    @Test
    void rejects_an_oversized_payload() {
        assertThat(reject("kioskops/v1/kiosk-0001/telemetry", new byte[Limits.MAX_PAYLOAD_BYTES + 1]).error())
                .isEqualTo(ProtocolError.PAYLOAD_TOO_LARGE);
    }

    @Test
    void rejects_a_list_longer_than_its_limit() {
        var payload = GoldenPayloads.load("events.json");
        var events = payload.withArray("events");
        while (events.size() <= Limits.MAX_EVENTS_PER_BATCH) {
            events.add(events.get(0).deepCopy());
        }

        assertThat(reject("kioskops/v1/kiosk-0001/events", GoldenPayloads.bytes(payload)).error())
                .isEqualTo(ProtocolError.BATCH_TOO_LARGE);
    }

    @Test
    void rejects_a_desired_configuration_naming_an_unknown_setting() {
        byte[] payload = ("{\"v\":\"1.2\",\"deviceId\":\"kiosk-0001\",\"version\":\"a1\",\"issuedAt\":\"2026-11-28T09:00:00Z\","
                + "\"settings\":{\"telemetry\":{\"intervalSeconds\":30},\"brightness\":80}}").getBytes(StandardCharsets.UTF_8);
        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> codec.decodeDesired("kiosk-0001", payload));
        synchronized (SEEN) {
            SEEN.add(e.error());
        }

        assertThat(e.error()).isEqualTo(ProtocolError.UNKNOWN_FIELD);
        assertThat(e.field()).isEqualTo("settings.brightness");
    }

    @AfterAll
    static void every_error_code_is_exercised() {
        assertThat(SEEN).as("each ProtocolError has at least one rejecting case here")
                .containsExactlyInAnyOrder(ProtocolError.values());
    }
}
