package org.kioskops.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kioskops.hub.device.OfflineCause;
import org.kioskops.protocol.Birth;
import org.kioskops.protocol.DeviceMessage;
import org.kioskops.protocol.Inventory;

class LivenessTest {
    private static final Instant BOOT = Instant.parse("2026-11-28T06:00:00Z");
    private static final Instant START = Instant.parse("2026-11-28T06:00:40Z");

    @Test
    void a_device_is_silent_after_one_and_a_half_keep_alives_plus_the_margin() {
        Instant last = Instant.parse("2026-11-28T08:00:00Z");
        assertThat(Liveness.silentAfter(last, 30, Duration.ofSeconds(5))).isEqualTo(last.plusSeconds(50));
        assertThat(Liveness.silentAfter(last, 5, Duration.ofSeconds(5))).isEqualTo(last.plusMillis(12_500));
    }

    @ParameterizedTest(name = "{0}, boot +{1} s, agent start +{2} s, last stop {3} -> {4}")
    @CsvSource(nullValues = "-", value = {
        // recorded        boot  start  lastStop  refined
        "connection_lost,  900,  900,   unclean,  power_loss",
        "connection_lost,  900,  900,   -,        power_loss",
        "silent,           900,  900,   unclean,  power_loss",
        "shutdown,         120,  120,   clean,    reboot",
        "shutdown,         120,  120,   -,        reboot",
        "connection_lost,  120,  120,   clean,    reboot",
        "connection_lost,  1,    300,   unclean,  agent_crash",
        "silent,           0,    300,   -,        agent_crash",
        "connection_lost,  0,    300,   clean,    shutdown",
        "restart,          0,    20,    clean,    restart",
        "shutdown,         0,    600,   clean,    shutdown",
        "connection_lost,  0,    0,     -,        connection_lost",
        "silent,           0,    0,     -,        silent",
        "shutdown,         0,    0,     -,        shutdown"})
    void the_cause_of_an_absence_follows_from_what_the_returning_device_tells(String recorded, long bootShift, long startShift,
                                                                              String lastStop, String refined) {
        Birth birth = birth(BOOT.plusSeconds(bootShift), START.plusSeconds(startShift),
                lastStop == null ? null : Birth.LastStop.valueOf(lastStop.toUpperCase()));

        assertThat(Liveness.refine(OfflineCause.ofWire(recorded).orElseThrow(), BOOT, START, birth).wire()).isEqualTo(refined);
    }

    @Test
    void a_device_that_tells_nothing_keeps_the_recorded_cause() {
        Birth bare = birth(null, null, null);
        assertThat(Liveness.refine(OfflineCause.CONNECTION_LOST, BOOT, START, bare)).isEqualTo(OfflineCause.CONNECTION_LOST);
        assertThat(Liveness.refine(OfflineCause.SILENT, null, null, birth(BOOT.plusSeconds(900), START, null)))
                .as("nothing to compare with").isEqualTo(OfflineCause.SILENT);
    }

    private static Birth birth(Instant bootedAt, Instant startedAt, Birth.LastStop lastStop) {
        return new Birth(DeviceMessage.VERSION, "kiosk-1", 20, Instant.parse("2026-11-28T08:00:00Z"), 19, null, "1", "m", bootedAt,
                new Inventory(null, List.of(), List.of(), List.of()), startedAt, lastStop, 30);
    }
}
