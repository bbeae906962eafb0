package org.kioskops.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertEvaluatorTest {
    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");
    private final AlertEvaluator evaluator = new AlertEvaluator(Duration.ofSeconds(60));
    private final List<Alert> unresolved = new ArrayList<>();

    private static Condition offline(Instant since) {
        return new Condition("kiosk-7", "site-1", "device", DeviceConditions.OFFLINE, "critical", since, Duration.ofSeconds(30),
                "offline, connection_lost");
    }

    private AlertEvaluator.Outcome at(long seconds, Condition... conditions) {
        AlertEvaluator.Outcome outcome = evaluator.evaluate(T0.plusSeconds(seconds), List.of(conditions), unresolved);
        unresolved.addAll(outcome.opened());
        unresolved.removeAll(outcome.resolved());
        return outcome;
    }

    @Test
    void opens_an_alert_once_the_condition_has_lasted_its_delay() {
        assertThat(at(29, offline(T0)).opened()).isEmpty();
        AlertEvaluator.Outcome outcome = at(30, offline(T0));

        assertThat(outcome.opened()).singleElement().satisfies(a -> {
            assertThat(a.status).isEqualTo(AlertStatus.OPEN);
            assertThat(a.conditionSince).isEqualTo(T0);
            assertThat(a.openedAt).isEqualTo(T0.plusSeconds(30));
            assertThat(a.openKey).isEqualTo("kiosk-7|device|device_offline");
        });
        assertThat(at(31, offline(T0)).opened()).as("one alert per condition").isEmpty();
    }

    @Test
    void says_when_the_next_condition_reaches_its_delay_and_the_next_alert_may_resolve() {
        assertThat(at(10, offline(T0)).nextDue()).isEqualTo(T0.plusSeconds(30));
        at(30, offline(T0));

        assertThat(at(40).nextDue()).as("clear-after from the moment it went away").isEqualTo(T0.plusSeconds(100));
    }

    @Test
    void a_flapping_condition_makes_one_alert_that_counts_its_recurrences() {
        at(30, offline(T0));
        for (int flap = 1; flap <= 10; flap++) {
            long t = 30 + flap * 20L;
            assertThat(at(t).resolved()).as("away for less than clear-after").isEmpty();
            at(t + 10, offline(T0.plusSeconds(t + 10)));
        }

        assertThat(unresolved).singleElement().satisfies(a -> {
            assertThat(a.recurrences).isEqualTo(10);
            assertThat(a.status).isEqualTo(AlertStatus.OPEN);
            assertThat(a.clearedAt).isNull();
        });
    }

    @Test
    void resolves_itself_once_the_condition_stayed_away_for_clear_after_and_frees_the_key() {
        Alert alert = at(30, offline(T0)).opened().get(0);
        alert.status = AlertStatus.ACKNOWLEDGED;
        at(100);
        assertThat(at(159).resolved()).isEmpty();

        assertThat(at(160).resolved()).containsExactly(alert);
        assertThat(alert.status).isEqualTo(AlertStatus.RESOLVED);
        assertThat(alert.resolvedBy).isEqualTo(AlertEvaluator.SYSTEM);
        assertThat(alert.openKey).isNull();
        assertThat(at(300, offline(T0.plusSeconds(260))).opened()).as("a new episode, a new alert").hasSize(1);
    }

    @Test
    void a_condition_reported_twice_opens_one_alert() {
        Condition jam = new Condition("kiosk-7", "site-1", "locker:A:3", "door_jammed", "major", T0, Duration.ZERO, "jammed");

        assertThat(at(0, jam, jam).opened()).hasSize(1);
    }

    @Test
    void a_condition_under_maintenance_opens_a_suppressed_alert_that_opens_when_the_work_is_over() {
        Alert alert = evaluator.evaluate(T0.plusSeconds(30), List.of(offline(T0)), unresolved, c -> 7L).opened().get(0);
        unresolved.add(alert);
        assertThat(alert.status).isEqualTo(AlertStatus.SUPPRESSED);
        assertThat(alert.suppressedBy).isEqualTo(7L);

        assertThat(evaluator.evaluate(T0.plusSeconds(60), List.of(offline(T0)), unresolved, c -> 7L).released()).isEmpty();
        AlertEvaluator.Outcome after = evaluator.evaluate(T0.plusSeconds(90), List.of(offline(T0)), unresolved, c -> null);

        assertThat(after.released()).containsExactly(alert);
        assertThat(alert.status).isEqualTo(AlertStatus.OPEN);
        assertThat(alert.openedAt).as("actionable from the end of the work").isEqualTo(T0.plusSeconds(90));
        assertThat(alert.suppressedBy).isNull();
    }
}
