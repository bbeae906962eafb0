package org.kioskops.hub.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WavePlanTest {
    @Test
    void a_canary_then_percentages_split_the_target_cumulatively() {
        assertThat(WavePlan.parse("2, 25%, 100%").sizes(40)).containsExactly(2, 8, 30);
        assertThat(WavePlan.parse("2,25%,100%").sizes(5)).as("25 % of 5 is 2 devices, already reached by the canary").containsExactly(2, 3);
    }

    @Test
    void a_plan_that_stops_short_gets_a_last_wave_for_the_rest() {
        assertThat(WavePlan.parse("1,10%").sizes(50)).containsExactly(1, 4, 45);
        assertThat(WavePlan.parse("10").sizes(3)).containsExactly(3);
    }

    @Test
    void a_bad_step_is_named() {
        assertThatThrownBy(() -> WavePlan.parse("2,half")).hasMessageContaining("'half'");
        assertThatThrownBy(() -> WavePlan.parse("0")).hasMessageContaining("at least 1 device");
        assertThatThrownBy(() -> WavePlan.parse("150%")).hasMessageContaining("1% to 100%");
    }
}
