package org.kioskops.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KioskSettingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static KioskSettings read(String json) throws Exception {
        return KioskSettings.read(JSON.readTree(json));
    }

    @Test
    void a_lower_level_wins_setting_by_setting_and_locker_pins_bank_by_bank() throws Exception {
        KioskSettings fleet = read("{\"telemetry\":{\"intervalSeconds\":60,\"eventFlushMillis\":200},\"logLevel\":\"info\","
                + "\"lockerPins\":{\"A\":{\"1\":17,\"2\":27},\"B\":{\"1\":5}}}");
        KioskSettings site = read("{\"telemetry\":{\"intervalSeconds\":30},\"lockerPins\":{\"A\":{\"1\":22}}}");

        KioskSettings merged = fleet.merge(site);

        assertThat(merged.telemetry()).isEqualTo(new KioskSettings.Telemetry(30, 200));
        assertThat(merged.logLevel()).isEqualTo("info");
        assertThat(merged.lockerPins()).isEqualTo(Map.of("A", Map.of(1, 22), "B", Map.of(1, 5)));
        assertThat(merged.merge(read("{\"heartbeat\":{\"keepAliveSeconds\":120}}")).heartbeat().keepAliveSeconds()).isEqualTo(120);
        assertThatThrownBy(() -> read("{\"heartbeat\":{\"keepAliveSeconds\":5}}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.field()).isEqualTo("heartbeat.keepAliveSeconds"));
    }

    @Test
    void refuses_unknown_settings_wrong_types_and_values_out_of_range_naming_the_path() {
        assertThatThrownBy(() -> read("{\"telemetry\":{\"intervalMinutes\":1}}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.error()).isEqualTo(ProtocolError.UNKNOWN_FIELD);
                    assertThat(e.field()).isEqualTo("telemetry.intervalMinutes");
                });
        assertThatThrownBy(() -> read("{\"telemetry\":{\"intervalSeconds\":\"60\"}}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.error()).isEqualTo(ProtocolError.WRONG_TYPE));
        assertThatThrownBy(() -> read("{\"telemetry\":{\"intervalSeconds\":0}}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.field()).isEqualTo("telemetry.intervalSeconds"));
        assertThatThrownBy(() -> read("{\"logLevel\":\"verbose\"}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.getMessage()).contains("debug"));
        assertThatThrownBy(() -> read("{\"lockerPins\":{\"A\":{\"1\":17,\"2\":17}}}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.field()).isEqualTo("lockerPins.A.2");
                    assertThat(e.getMessage()).contains("pin 17 is given to two compartments");
                });
        assertThatThrownBy(() -> read("{\"lockerPins\":{\"A\":{\"0\":17}}}")).isInstanceOf(ProtocolException.class);
    }

    @Test
    void a_screen_schedule_lights_the_screen_in_its_windows_in_local_time() throws Exception {
        KioskSettings settings = read("{\"screenSchedule\":{\"zone\":\"Asia/Shanghai\",\"week\":["
                + "{\"day\":\"saturday\",\"on\":\"07:00\",\"off\":\"22:00\"}]}}");
        KioskSettings.ScreenSchedule schedule = settings.screenSchedule();

        assertThat(schedule.lit(Instant.parse("2026-11-27T23:00:00Z"))).as("Saturday 07:00 in Shanghai").isTrue();
        assertThat(schedule.lit(Instant.parse("2026-11-28T13:59:59Z"))).as("Saturday 21:59:59").isTrue();
        assertThat(schedule.lit(Instant.parse("2026-11-28T14:00:00Z"))).as("Saturday 22:00").isFalse();
        assertThat(schedule.lit(Instant.parse("2026-11-29T03:00:00Z"))).as("Sunday: no window").isFalse();
        assertThat(KioskSettings.empty().merge(settings).screenSchedule()).isEqualTo(schedule);
        assertThatThrownBy(() -> read("{\"screenSchedule\":{\"zone\":\"Mars/Olympus\",\"week\":[]}}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.field()).isEqualTo("screenSchedule.zone"));
        assertThatThrownBy(() -> read("{\"screenSchedule\":{\"zone\":\"UTC\",\"week\":[{\"day\":\"monday\",\"on\":\"22:00\",\"off\":\"07:00\"}]}}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.field()).isEqualTo("screenSchedule.week[0].off"));
    }

    @Test
    void a_desired_configuration_survives_encoding_and_is_refused_for_another_device() throws Exception {
        ProtocolCodec codec = new ProtocolCodec();
        DesiredConfig config = new DesiredConfig("1.2", "kiosk-7", "3f2a9c0d1e4b5a6c", Instant.parse("2026-11-28T09:00:00Z"),
                read("{\"telemetry\":{\"intervalSeconds\":15},\"lockerPins\":{\"A\":{\"3\":4}}}"));

        byte[] encoded = codec.encode(config);

        assertThat(codec.decodeDesired("kiosk-7", encoded)).isEqualTo(config);
        assertThat(new String(encoded, StandardCharsets.UTF_8)).contains("\"lockerPins\":{\"A\":{\"3\":4}}");
        assertThatThrownBy(() -> codec.decodeDesired("kiosk-8", encoded))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.error()).isEqualTo(ProtocolError.DEVICE_ID_MISMATCH));
    }

    @Test
    void a_rejected_configuration_must_say_why() {
        ProtocolCodec codec = new ProtocolCodec();
        String topic = Topics.topic("kiosk-7", MessageKind.CONFIG_STATE);
        String withoutReason = "{\"v\":\"1.2\",\"deviceId\":\"kiosk-7\",\"seq\":5,\"ts\":\"2026-11-28T09:00:00Z\","
                + "\"version\":\"3f2a9c0d1e4b5a6c\",\"outcome\":\"rejected\"}";

        assertThatThrownBy(() -> codec.decode(topic, withoutReason.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.field()).isEqualTo("reason"));
    }
}
