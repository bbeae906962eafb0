package org.kioskops.hub.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class AvailabilityTest {
    private static final Instant FROM = Instant.parse("2026-11-28T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-28T10:00:00Z");

    private static Availability.Change online(int hour) {
        return new Availability.Change(FROM.plus(Duration.ofHours(hour)), Connection.ONLINE, null);
    }

    private static Availability.Change offline(int hour, String cause) {
        return new Availability.Change(FROM.plus(Duration.ofHours(hour)), Connection.OFFLINE, cause);
    }

    @Test
    void clips_periods_to_the_window_and_starts_from_the_state_before_it() {
        Availability a = Availability.of("k", FROM, TO, online(-5), List.of(offline(2, "power_loss"), online(3)));

        assertThat(a.periods()).extracting(Availability.Period::connection, Availability.Period::cause, Availability.Period::from)
                .containsExactly(
                        Tuple.tuple(Connection.ONLINE, null, FROM),
                        Tuple.tuple(Connection.OFFLINE, "power_loss", FROM.plus(Duration.ofHours(2))),
                        Tuple.tuple(Connection.ONLINE, null, FROM.plus(Duration.ofHours(3))));
        assertThat(a.online()).isEqualTo(Duration.ofHours(9));
        assertThat(a.offline()).isEqualTo(Duration.ofHours(1));
        assertThat(a.unknown()).isZero();
        assertThat(a.availability()).isEqualTo(0.9);
    }

    @Test
    void time_before_the_first_known_change_is_unknown_not_offline() {
        Availability a = Availability.of("k", FROM, TO, null, List.of(online(4), offline(9, "silent")));

        assertThat(a.unknown()).isEqualTo(Duration.ofHours(4));
        assertThat(a.online()).isEqualTo(Duration.ofHours(5));
        assertThat(a.offline()).isEqualTo(Duration.ofHours(1));
        assertThat(a.availability()).isEqualTo(5.0 / 6);
    }

    @Test
    void a_reconnect_without_an_offline_in_between_is_one_period() {
        Availability a = Availability.of("k", FROM, TO, null, List.of(online(0), online(5)));

        assertThat(a.periods()).hasSize(1);
        assertThat(a.availability()).isEqualTo(1.0);
    }

    @Test
    void a_device_never_heard_of_has_no_availability() {
        Availability a = Availability.of("k", FROM, TO, null, List.of());

        assertThat(a.periods()).isEmpty();
        assertThat(a.availability()).isNull();
        assertThat(a.unknown()).isEqualTo(Duration.ofHours(10));
    }
}
