package org.kioskops.hub.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The hub's clock. At speed 1 (the default, and the only speed for production) it is wall time. A hub for
 * simulations may run faster: from its start, each real second is {@code speed} seconds on the hub's clock,
 * so a fleet simulator that follows it ({@code GET /api/clock}) lives through a day in minutes while every
 * rule (silence, alert delays, clock skew, service hours) judges by the same clock. Certificates and
 * revocation lists keep wall time, which is what the broker checks them against.
 */
@ConfigMapping(prefix = "kioskops.clock")
public interface ClockConfig {
    /** Simulated seconds per real second, from 1 to 100000. */
    @WithDefault("1")
    double speed();
}
