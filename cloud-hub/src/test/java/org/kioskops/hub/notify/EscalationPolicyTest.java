package org.kioskops.hub.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EscalationPolicyTest {
    private static final Instant OPENED = Instant.parse("2026-11-28T08:00:00Z");
    private static final Instant RESPOND_BY = OPENED.plus(Duration.ofMinutes(30));

    private final NotificationRoute duty = route(1, null, false);
    private final NotificationRoute supervisor = route(2, null, true);
    private final NotificationRoute director = route(3, 120, false);
    private final NotificationRoute city = route(4, 120, false);
    private final EscalationPolicy policy = new EscalationPolicy(List.of(duty, supervisor, director, city));

    @Test
    void nothing_is_due_before_the_response_target_passes() {
        EscalationPolicy.Step step = policy.next(OPENED, RESPOND_BY, null, RESPOND_BY.minusSeconds(1));

        assertThat(step.due()).isEmpty();
        assertThat(step.level()).isZero();
        assertThat(step.through()).isNull();
    }

    @Test
    void the_overdue_step_is_due_once_and_routes_without_escalation_never_are() {
        EscalationPolicy.Step first = policy.next(OPENED, RESPOND_BY, null, RESPOND_BY);
        EscalationPolicy.Step again = policy.next(OPENED, RESPOND_BY, first.through(), RESPOND_BY.plusSeconds(600));

        assertThat(first.due()).containsExactly(supervisor);
        assertThat(first.level()).isEqualTo(1);
        assertThat(again.due()).isEmpty();
        assertThat(again.level()).isEqualTo(1);
    }

    @Test
    void routes_sharing_a_step_are_told_together_and_count_as_one_level() {
        EscalationPolicy.Step first = policy.next(OPENED, RESPOND_BY, null, RESPOND_BY);
        EscalationPolicy.Step second = policy.next(OPENED, RESPOND_BY, first.through(), OPENED.plus(Duration.ofMinutes(121)));

        assertThat(second.due()).containsExactlyInAnyOrder(director, city);
        assertThat(second.level()).isEqualTo(2);
        assertThat(second.through()).isEqualTo(OPENED.plus(Duration.ofMinutes(120)));
    }

    @Test
    void a_hub_that_was_down_catches_up_with_every_step_at_once() {
        EscalationPolicy.Step step = policy.next(OPENED, RESPOND_BY, null, OPENED.plus(Duration.ofHours(5)));

        assertThat(step.due()).containsExactlyInAnyOrder(supervisor, director, city);
        assertThat(step.level()).isEqualTo(2);
    }

    @Test
    void an_owner_without_a_response_target_escalates_only_on_fixed_delays() {
        EscalationPolicy.Step step = policy.next(OPENED, null, null, OPENED.plus(Duration.ofMinutes(125)));

        assertThat(step.due()).containsExactlyInAnyOrder(director, city);
        assertThat(step.level()).isEqualTo(1);
    }

    private static NotificationRoute route(long id, Integer afterMinutes, boolean whenOverdue) {
        NotificationRoute r = new NotificationRoute();
        r.id = id;
        r.channel = Channel.WEBHOOK;
        r.target = "http://127.0.0.1/" + id;
        r.escalateAfterMinutes = afterMinutes;
        r.escalateWhenOverdue = whenOverdue;
        return r;
    }
}
