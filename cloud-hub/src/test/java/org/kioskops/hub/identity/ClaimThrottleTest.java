package org.kioskops.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.support.MovableClock;

/** Someone guesses claim codes and pickup tokens; the installers' boxes claim as usual. */
class ClaimThrottleTest {
    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-03T09:00:00Z"));
    private final ClaimThrottle throttle = new ClaimThrottle(10, 5, WINDOW, clock);

    @Test
    void an_address_that_keeps_guessing_codes_is_turned_away_until_its_oldest_refusal_leaves_the_window() {
        for (int guess = 0; guess < 10; guess++) {
            assertThat(throttle.wait("203.0.113.9", "code:guess-" + guess)).isEmpty();
            throttle.refused("203.0.113.9", "code:guess-" + guess);
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(throttle.wait("203.0.113.9", "code:guess-10")).as("the tenth refusal was a minute ago; the first, ten")
                .contains(Duration.ofMinutes(5));
        assertThat(throttle.wait("198.51.100.7", "code:installer")).as("another box, another code").isEmpty();

        clock.advance(Duration.ofMinutes(5));
        assertThat(throttle.wait("203.0.113.9", "code:guess-10")).as("one refusal left the window").isEmpty();
    }

    @Test
    void a_claim_whose_pickup_token_is_guessed_from_many_addresses_is_closed_after_five_wrong_tokens() {
        for (int address = 1; address <= 5; address++) {
            throttle.refused("192.0.2." + address, "claim:c-17");
        }

        assertThat(throttle.wait("192.0.2.99", "claim:c-17")).contains(WINDOW);
        assertThat(throttle.wait("192.0.2.99", "claim:c-18")).as("the other claims stay open").isEmpty();
    }

    @Test
    void refusals_are_forgotten_after_the_window() {
        for (int i = 0; i < 5; i++) {
            throttle.refused("203.0.113.9", "claim:c-17");
        }
        clock.advance(WINDOW);

        assertThat(throttle.wait("203.0.113.9", "claim:c-17")).isEmpty();
    }
}
