package org.kioskops.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertClocksTest {
    private static final Instant DEADLINE = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void the_response_clock_runs_until_someone_acknowledges() {
        assertThat(AlertClocks.responseOverdue(AlertStatus.OPEN, DEADLINE, DEADLINE)).as("at the deadline").isFalse();
        assertThat(AlertClocks.responseOverdue(AlertStatus.OPEN, DEADLINE, DEADLINE.plusSeconds(1))).isTrue();
        assertThat(AlertClocks.responseOverdue(AlertStatus.ACKNOWLEDGED, DEADLINE, DEADLINE.plusSeconds(1))).isFalse();
        assertThat(AlertClocks.responseOverdue(AlertStatus.RESOLVED, DEADLINE, DEADLINE.plusSeconds(1))).isFalse();
    }

    @Test
    void the_repair_clock_runs_until_the_alert_is_resolved() {
        assertThat(AlertClocks.repairOverdue(AlertStatus.ACKNOWLEDGED, DEADLINE, DEADLINE.plusSeconds(1))).isTrue();
        assertThat(AlertClocks.repairOverdue(AlertStatus.OPEN, DEADLINE, DEADLINE.minusSeconds(1))).isFalse();
        assertThat(AlertClocks.repairOverdue(AlertStatus.RESOLVED, DEADLINE, DEADLINE.plusSeconds(1))).isFalse();
    }

    @Test
    void an_alert_without_a_target_is_never_overdue() {
        assertThat(AlertClocks.responseOverdue(AlertStatus.OPEN, null, DEADLINE)).isFalse();
        assertThat(AlertClocks.repairOverdue(AlertStatus.OPEN, null, DEADLINE)).isFalse();
    }
}
