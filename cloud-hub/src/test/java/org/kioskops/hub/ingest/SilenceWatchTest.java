package org.kioskops.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.device.Connection;

/** Which online devices have gone quiet too long: those that declared a keep-alive, and those that promised nothing. */
class SilenceWatchTest {
    private static final Instant STARTED = Instant.parse("2026-12-03T08:00:00Z");
    private static final Duration MARGIN = Duration.ofSeconds(4);
    private static final Duration WITHOUT_KEEP_ALIVE = Duration.ofMinutes(10);

    private static LiveDevice online(String id, Integer keepAliveSeconds, Instant lastSeen) {
        LiveDevice d = new LiveDevice(id);
        d.connection = Connection.ONLINE;
        d.keepAliveSeconds = keepAliveSeconds;
        d.lastSeenAt = lastSeen;
        return d;
    }

    private static List<String> silentAt(SilenceWatch watch, Instant now, LiveDevice... devices) {
        return watch.silent(List.of(devices), now).stream().map(d -> d.id).toList();
    }

    @Test
    void a_device_that_declared_a_keep_alive_is_silent_after_one_and_a_half_of_them_plus_the_margin() {
        SilenceWatch watch = new SilenceWatch(MARGIN, WITHOUT_KEEP_ALIVE, Duration.ofMillis(500), STARTED);
        LiveDevice kiosk = online("kiosk-1", 30, STARTED.plusSeconds(60));

        // 1.5 x 30 s + 4 s
        assertThat(silentAt(watch, STARTED.plusSeconds(60 + 49), kiosk)).isEmpty();
        assertThat(silentAt(watch, STARTED.plusSeconds(60 + 50), kiosk)).containsExactly("kiosk-1");
    }

    @Test
    void a_device_that_promised_nothing_goes_silent_after_the_fleet_wide_limit_instead_of_staying_online_for_ever() {
        SilenceWatch watch = new SilenceWatch(MARGIN, WITHOUT_KEEP_ALIVE, Duration.ofMillis(500), STARTED);
        LiveDevice diy = online("diy-1", null, STARTED.plusSeconds(60));

        assertThat(silentAt(watch, STARTED.plusSeconds(60).plus(WITHOUT_KEEP_ALIVE), diy)).isEmpty();
        assertThat(silentAt(watch, STARTED.plusSeconds(61).plus(WITHOUT_KEEP_ALIVE), diy)).containsExactly("diy-1");
    }

    @Test
    void with_the_limit_off_a_device_without_keep_alive_is_never_taken_for_silent() {
        SilenceWatch watch = new SilenceWatch(MARGIN, Duration.ZERO, Duration.ofMillis(500), STARTED);

        assertThat(silentAt(watch, STARTED.plus(Duration.ofDays(30)), online("diy-1", null, STARTED))).isEmpty();
    }

    @Test
    void the_hubs_own_downtime_is_not_held_against_a_device() {
        SilenceWatch watch = new SilenceWatch(MARGIN, WITHOUT_KEEP_ALIVE, Duration.ofMillis(500), STARTED);
        LiveDevice heardBeforeTheRestart = online("diy-1", null, STARTED.minus(Duration.ofHours(2)));

        assertThat(silentAt(watch, STARTED.plus(Duration.ofMinutes(9)), heardBeforeTheRestart)).isEmpty();
        assertThat(silentAt(watch, STARTED.plus(Duration.ofMinutes(11)), heardBeforeTheRestart)).containsExactly("diy-1");
    }
}
