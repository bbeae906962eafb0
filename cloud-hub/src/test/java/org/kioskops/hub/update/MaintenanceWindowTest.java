package org.kioskops.hub.update;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MaintenanceWindowTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void a_night_window_spans_midnight_in_the_site_local_time() {
        // 01:30 in Shanghai is 17:30 UTC the day before
        assertThat(RolloutEngine.inWindow("23:00", "05:00", SHANGHAI, Instant.parse("2026-11-28T17:30:00Z"))).isTrue();
        assertThat(RolloutEngine.inWindow("23:00", "05:00", SHANGHAI, Instant.parse("2026-11-28T22:00:00Z"))).as("06:00 local").isFalse();
        assertThat(RolloutEngine.inWindow("23:00", "05:00", ZoneId.of("UTC"), Instant.parse("2026-11-28T17:30:00Z"))).isFalse();
    }

    @Test
    void a_day_window_includes_its_opening_and_excludes_its_closing_minute() {
        assertThat(RolloutEngine.inWindow("02:00", "04:00", SHANGHAI, Instant.parse("2026-11-28T18:00:00Z"))).isTrue();
        assertThat(RolloutEngine.inWindow("02:00", "04:00", SHANGHAI, Instant.parse("2026-11-28T20:00:00Z"))).isFalse();
    }
}
