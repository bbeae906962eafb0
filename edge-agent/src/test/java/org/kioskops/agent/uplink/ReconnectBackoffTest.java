package org.kioskops.agent.uplink;

import static org.assertj.core.api.Assertions.assertThat;
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
}
