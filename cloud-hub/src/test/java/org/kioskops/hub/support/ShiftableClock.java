package org.kioskops.hub.support;

import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The hub's clock for tests that must see hours pass: wall time plus an offset the test moves forward. Enabled
 * per test profile ({@code getEnabledAlternatives}); everything in the hub that reads the clock sees the jump.
 */
@Alternative
public class ShiftableClock {
    private static volatile Duration offset = Duration.ZERO;

    /** Moves the hub's time forward. */
    public static void advance(Duration by) {
        offset = offset.plus(by);
    }

    public static Instant now() {
        return Instant.now().plus(offset);
    }

    private static final Clock CLOCK = new Shifted(ZoneOffset.UTC);

    private static final class Shifted extends Clock {
        private final ZoneId zone;

        Shifted(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new Shifted(other);
        }

        @Override
        public Instant instant() {
            return now();
        }
    }

    /** The same clock as the hub's, for simulated kiosks that must agree with it. */
    public static Clock clock() {
        return CLOCK;
    }

    @Produces
    @Singleton
    Clock hubClock() {
        return CLOCK;
    }
}
