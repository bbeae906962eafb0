package org.kioskops.protocol.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ScaledClockTest {
    private static final Instant ANCHOR = Instant.parse("2026-11-28T00:00:00Z");

    private static Clock realAt(Duration afterAnchor) {
        return Clock.fixed(ANCHOR.plus(afterAnchor), ZoneOffset.UTC);
    }

    @Test
    void one_real_second_is_speed_simulated_seconds_after_the_anchor() {
        assertThat(ScaledClock.of(realAt(Duration.ZERO), ANCHOR, 480).instant()).isEqualTo(ANCHOR);
        assertThat(ScaledClock.of(realAt(Duration.ofSeconds(3)), ANCHOR, 480).instant()).isEqualTo(ANCHOR.plus(Duration.ofMinutes(24)));
        assertThat(ScaledClock.of(realAt(Duration.ofMinutes(3)), ANCHOR, 480).instant()).isEqualTo(ANCHOR.plus(Duration.ofHours(24)));
    }

    @Test
    void two_clocks_built_from_the_same_anchor_and_speed_agree() {
        Clock real = realAt(Duration.ofMillis(12_345));
        assertThat(ScaledClock.of(real, ANCHOR, 288).instant()).isEqualTo(ScaledClock.of(real, ANCHOR, 288).instant());
    }

    @Test
    void an_offset_clock_keeps_its_speed_and_runs_ahead_by_the_skew() {
        ScaledClock clock = ScaledClock.of(realAt(Duration.ofSeconds(1)), ANCHOR, 100);
        ScaledClock skewed = clock.offset(Duration.ofMinutes(-10));

        assertThat(Duration.between(clock.instant(), skewed.instant())).isEqualTo(Duration.ofMinutes(-10));
        assertThat(ScaledClock.speedOf(skewed)).isEqualTo(100);
        assertThat(skewed.withZone(ZoneId.of("Asia/Shanghai")).instant()).isEqualTo(skewed.instant());
    }

    @Test
    void simulated_durations_convert_to_real_time() {
        assertThat(ScaledClock.of(Clock.systemUTC(), ANCHOR, 480).real(Duration.ofHours(24))).isEqualTo(Duration.ofMinutes(3));
        assertThat(ScaledClock.realOf(Clock.systemUTC(), Duration.ofHours(24))).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void any_other_clock_runs_at_speed_one() {
        assertThat(ScaledClock.speedOf(Clock.systemUTC())).isEqualTo(1.0);
    }

    @Test
    void a_speed_below_one_is_refused() {
        assertThatThrownBy(() -> ScaledClock.of(Clock.systemUTC(), ANCHOR, 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.5");
        assertThatThrownBy(() -> ScaledClock.of(Clock.systemUTC(), ANCHOR, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
