package org.kioskops.hub.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.kioskops.protocol.time.ScaledClock;

/**
 * The hub's clock: UTC wall time, or simulated time running {@code kioskops.clock.speed} times faster from the
 * hub's start; tests replace it to control time instead of sleeping. {@link WallClock} is always wall time.
 */
public class ClockProducer {
    @Produces
    @Singleton
    Clock clock(ClockConfig config) {
        double speed = config.speed();
        return speed == 1.0 ? Clock.systemUTC() : ScaledClock.of(Clock.systemUTC(), Clock.systemUTC().instant(), speed);
    }

    @Produces
    @Singleton
    @WallClock
    Clock wallClock() {
        return Clock.systemUTC();
    }
}
