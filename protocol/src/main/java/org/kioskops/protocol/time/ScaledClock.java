package org.kioskops.protocol.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Simulated time that runs {@code speed} times faster than a base clock from an anchor instant: at the
 * anchor both read the same, and every real second after it is {@code speed} simulated seconds. A hub
 * started with {@code kioskops.clock.speed} and a simulated fleet that reads the hub's anchor and speed
 * ({@code GET /api/clock}) build the same clock and agree on the time, so a day of fleet life passes in
 * minutes with the hub's rules judging it by the same clock. Never used on a real box or a production hub.
 */
public final class ScaledClock extends Clock {
    private final Clock base;
    private final Instant anchor;
    private final double speed;
    private final Duration offset;
    private final ZoneId zone;

    private ScaledClock(Clock base, Instant anchor, double speed, Duration offset, ZoneId zone) {
        if (!(speed >= 1) || speed > 100_000) {
            throw new IllegalArgumentException("clock speed must be from 1 to 100000, not " + speed);
        }
        this.base = Objects.requireNonNull(base, "base");
        this.anchor = Objects.requireNonNull(anchor, "anchor");
        this.speed = speed;
        this.offset = Objects.requireNonNull(offset, "offset");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** A clock running {@code speed} times faster than {@code base} from {@code anchor} (an instant of {@code base}). */
    public static ScaledClock of(Clock base, Instant anchor, double speed) {
        return new ScaledClock(base, anchor, speed, Duration.ZERO, ZoneOffset.UTC);
    }

    /** How many simulated seconds one real second is for {@code clock}: its speed for a scaled clock, 1 for any other. */
    public static double speedOf(Clock clock) {
        return clock instanceof ScaledClock scaled ? scaled.speed : 1.0;
    }

    /** The same simulated time, ahead by {@code skew} (behind when negative): a device whose clock is off. */
    public ScaledClock offset(Duration skew) {
        return new ScaledClock(base, anchor, speed, offset.plus(skew), zone);
    }

    /** How long {@code simulated} takes in real time at this speed. */
    public Duration real(Duration simulated) {
        return realOf(this, simulated);
    }

    /** How long {@code simulated} takes in real time on {@code clock}: shorter by its speed, the same on any other clock. */
    public static Duration realOf(Clock clock, Duration simulated) {
        return Duration.ofNanos(Math.round(simulated.toNanos() / speedOf(clock)));
    }

    public double speed() {
        return speed;
    }

    /** The instant from which simulated time runs fast; simulated and base time agree there (without an offset). */
    public Instant anchor() {
        return anchor;
    }

    @Override
    public Instant instant() {
        long elapsed = Duration.between(anchor, base.instant()).toNanos();
        return anchor.plusNanos(Math.round(elapsed * speed)).plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return other.equals(zone) ? this : new ScaledClock(base, anchor, speed, offset, other);
    }

    @Override
    public String toString() {
        return "ScaledClock[" + speed + "x from " + anchor + (offset.isZero() ? "" : ", offset " + offset) + "]";
    }
}
