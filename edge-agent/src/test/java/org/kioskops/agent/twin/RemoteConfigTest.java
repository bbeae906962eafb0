package org.kioskops.agent.twin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kioskops.protocol.ConfigState;
import org.kioskops.protocol.DesiredConfig;
import org.kioskops.protocol.Inventory;

class RemoteConfigTest {
    @TempDir
    Path dir;

    private final List<DesiredConfig> applied = new ArrayList<>();

    private RemoteConfig remote() {
        return new RemoteConfig("kiosk-7", dir.resolve("desired-config.json"), List.of(new Inventory.LockerBank("A", 12, null)), applied::add);
    }

    private static byte[] desired(String version, String settings) {
        return ("{\"v\":\"1.2\",\"deviceId\":\"kiosk-7\",\"version\":\"" + version + "\",\"issuedAt\":\"2026-11-28T09:00:00Z\","
                + "\"settings\":" + settings + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void applies_a_new_version_keeps_it_and_does_not_answer_it_twice() {
        RemoteConfig remote = remote();

        var report = remote.receive(desired("v1", "{\"telemetry\":{\"intervalSeconds\":15},\"lockerPins\":{\"A\":{\"12\":5}}}"));

        assertThat(report).hasValueSatisfying(r -> {
            assertThat(r.outcome()).isEqualTo(ConfigState.Outcome.APPLIED);
            assertThat(r.active()).isEqualTo("v1");
        });
        assertThat(applied).singleElement().satisfies(d -> assertThat(d.settings().telemetry().intervalSeconds()).isEqualTo(15));
        assertThat(dir.resolve("desired-config.json")).exists();
        assertThat(remote.receive(desired("v1", "{\"telemetry\":{\"intervalSeconds\":15}}"))).isEmpty();
    }

    @Test
    void rejects_settings_that_do_not_fit_the_box_and_keeps_the_previous_ones() {
        RemoteConfig remote = remote();
        remote.receive(desired("v1", "{\"telemetry\":{\"intervalSeconds\":15}}"));

        var report = remote.receive(desired("v2", "{\"telemetry\":{\"intervalSeconds\":5},\"lockerPins\":{\"A\":{\"13\":5},\"Z\":{\"1\":6}}}"));

        assertThat(report).hasValueSatisfying(r -> {
            assertThat(r.outcome()).isEqualTo(ConfigState.Outcome.REJECTED);
            assertThat(r.reason()).contains("lockerPins.A.13: bank A has 12 compartments").contains("no locker bank 'Z' on this box");
            assertThat(r.active()).isEqualTo("v1");
        });
        assertThat(applied).hasSize(1);
        assertThat(remote.activeVersion()).contains("v1");
    }

    @Test
    void rejects_an_unreadable_version_naming_the_setting() {
        var report = remote().receive(desired("v3", "{\"telemetry\":{\"intervalSeconds\":99999}}"));

        assertThat(report).hasValueSatisfying(r -> {
            assertThat(r.outcome()).isEqualTo(ConfigState.Outcome.REJECTED);
            assertThat(r.reason()).startsWith("settings.telemetry.intervalSeconds");
            assertThat(r.active()).isNull();
        });
        assertThat(applied).isEmpty();
    }

    @Test
    void restores_the_kept_version_at_the_next_start() throws Exception {
        remote().receive(desired("v1", "{\"logLevel\":\"debug\"}"));
        applied.clear();

        RemoteConfig restarted = remote();
        restarted.restore();

        assertThat(restarted.activeVersion()).contains("v1");
        assertThat(applied).singleElement().satisfies(d -> assertThat(d.settings().logLevel()).isEqualTo("debug"));
        assertThat(Files.list(dir)).extracting(p -> p.getFileName().toString()).containsExactly("desired-config.json");
    }
}
