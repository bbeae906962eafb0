package org.kioskops.connectivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ReconnectBackoff backoff = new ReconnectBackoff(10, 100, new Random(1), scheduler, "kiosk-1");

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void a_second_reconnection_scheduled_while_one_waits_does_not_start_a_second_chain() throws Exception {
        AtomicInteger attempts = new AtomicInteger();

        backoff.schedule(attempts::incrementAndGet, 50);
        backoff.schedule(attempts::incrementAndGet, 0);

        await().atMost(Duration.ofSeconds(2)).until(() -> attempts.get() == 1);
        // the scheduler has run everything due by now: still one
        scheduler.submit(() -> { }).get();
        assertThat(attempts).hasValue(1);
    }

    @Test
    void an_attempt_that_fails_at_once_can_schedule_the_next_one() {
        AtomicInteger attempts = new AtomicInteger();
        Runnable[] attempt = new Runnable[1];
        attempt[0] = () -> {
            if (attempts.incrementAndGet() < 3) {
                backoff.schedule(attempt[0], 1);
            }
        };

        backoff.schedule(attempt[0], 1);

        await().atMost(Duration.ofSeconds(2)).until(() -> attempts.get() == 3);
    }

    @Test
    void delays_start_at_half_the_minimum_double_their_ceiling_per_attempt_and_stop_at_the_maximum() {
        ReconnectBackoff fleet = new ReconnectBackoff(1_000, 120_000, new Random(7), scheduler, "kiosk-1");

        for (int attempt = 1; attempt <= 40; attempt++) {
            long ceiling = Math.min(120_000, 1_000L << Math.min(attempt - 1, 20));
            long longest = 0;
            for (int draw = 0; draw < 500; draw++) {
                long delay = fleet.delayMillis(attempt);
                assertThat(delay).as("attempt %d", attempt).isGreaterThanOrEqualTo(500).isLessThan(500 + ceiling);
                longest = Math.max(longest, delay);
            }
            // the draws reach the top of the window: the ceiling really grows
            assertThat(longest).as("attempt %d", attempt).isGreaterThan(500 + ceiling * 9 / 10);
        }
    }

    @Test
    void spreads_boxes_that_lost_the_broker_together_evenly_over_the_window() {
        ReconnectBackoff fleet = new ReconnectBackoff(1_000, 120_000, new Random(11), scheduler, "kiosk-1");
        int boxes = 16_000;
        int[] perSecond = new int[8];

        // the fourth attempt: ceiling 8 s, so delays fall in [0.5 s, 8.5 s)
        for (int box = 0; box < boxes; box++) {
            perSecond[(int) ((fleet.delayMillis(4) - 500) / 1_000)]++;
        }

        for (int second = 0; second < perSecond.length; second++) {
            assertThat(perSecond[second]).as("second %d of the window", second).isBetween(boxes / 8 * 9 / 10, boxes / 8 * 11 / 10);
        }
    }

    @Test
    void refuses_a_maximum_below_the_minimum() {
        assertThatThrownBy(() -> new ReconnectBackoff(5_000, 1_000, new Random(), scheduler, "hub"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min <= max");
    }
}
