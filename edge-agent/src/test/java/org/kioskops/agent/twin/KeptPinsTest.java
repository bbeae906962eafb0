package org.kioskops.agent.twin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kioskops.agent.config.HardwareSettings;

class KeptPinsTest {
    @TempDir
    Path dir;

    private final List<HardwareSettings.BankSettings> banks = List.of(
            new HardwareSettings.BankSettings("A", 3, null, List.of(17, 27, 22), List.of(), true),
            new HardwareSettings.BankSettings("B", 2, null, List.of(5, 6), List.of(), true));

    @Test
    void the_kept_pin_map_replaces_the_door_pins_it_names_and_leaves_the_rest() throws Exception {
        Path kept = dir.resolve("desired-config.json");
        Files.writeString(kept, "{\"v\":\"1.2\",\"deviceId\":\"kiosk-7\",\"version\":\"v1\",\"issuedAt\":\"2026-11-28T09:00:00Z\","
                + "\"settings\":{\"lockerPins\":{\"A\":{\"2\":23}}}}", StandardCharsets.UTF_8);

        List<HardwareSettings.BankSettings> applied = KeptPins.apply("kiosk-7", kept, banks);

        assertThat(applied.get(0).doorPins()).containsExactly(17, 23, 22);
        assertThat(applied.get(1).doorPins()).containsExactly(5, 6);
    }

    @Test
    void without_kept_settings_or_with_unreadable_ones_the_file_pins_apply() throws Exception {
        assertThat(KeptPins.apply("kiosk-7", dir.resolve("none.json"), banks)).isEqualTo(banks);
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{not json", StandardCharsets.UTF_8);
        assertThat(KeptPins.apply("kiosk-7", broken, banks)).isEqualTo(banks);
    }
}
