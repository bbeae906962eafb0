package org.kioskops.hub.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Refused claims and pickups, counted per source address and per code or claim within a sliding window; once
 * either count reaches its limit, further attempts from that source, or on that code or claim, are turned away
 * until the oldest refusal leaves the window. Guessing codes or pickup tokens is slowed to a few tries per window;
 * a box that typed its code right is never held up by the attempts of others on other codes. Thread-safe.
 */
final class ClaimThrottle {
    /** Keys tracked before expired ones are swept, so that a flood from many addresses stays bounded in memory. */
    private static final int SWEEP_ABOVE = 10_000;

    private final int perSource;
    private final int perTarget;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> refusals = new HashMap<>();

    /**
     * @param perSource refusals from one address that close it for the rest of the window
     * @param perTarget refusals on one code or claim that close it for the rest of the window
     */
    ClaimThrottle(int perSource, int perTarget, Duration window, Clock clock) {
        this.perSource = perSource;
        this.perTarget = perTarget;
        this.window = window;
        this.clock = clock;
    }

    /** How long until an attempt from {@code source} on {@code target} may be made; empty if it may be made now. */
    synchronized Optional<Duration> wait(String source, String target) {
        Instant now = clock.instant();
        Duration bySource = waitFor("source:" + source, perSource, now);
        Duration byTarget = waitFor("target:" + target, perTarget, now);
        Duration longer = bySource.compareTo(byTarget) >= 0 ? bySource : byTarget;
        return longer.isZero() ? Optional.empty() : Optional.of(longer);
    }

    /** Counts a refused attempt from {@code source} on {@code target}. */
    synchronized void refused(String source, String target) {
        Instant now = clock.instant();
        if (refusals.size() > SWEEP_ABOVE) {
            sweep(now);
        }
        refusals.computeIfAbsent("source:" + source, k -> new ArrayDeque<>()).addLast(now);
        refusals.computeIfAbsent("target:" + target, k -> new ArrayDeque<>()).addLast(now);
    }

    private Duration waitFor(String key, int limit, Instant now) {
        Deque<Instant> times = refusals.get(key);
        if (times == null) {
            return Duration.ZERO;
        }
        Instant cutoff = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
            times.removeFirst();
        }
        if (times.isEmpty()) {
            refusals.remove(key);
            return Duration.ZERO;
        }
        if (times.size() < limit) {
            return Duration.ZERO;
        }
        // open again once enough refusals have left the window to be under the limit
        Instant reopens = times.stream().skip(times.size() - limit).findFirst().orElseThrow().plus(window);
        return Duration.between(now, reopens);
    }

    private void sweep(Instant now) {
        Instant cutoff = now.minus(window);
        for (Iterator<Deque<Instant>> it = refusals.values().iterator(); it.hasNext(); ) {
            Deque<Instant> times = it.next();
            while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
                times.removeFirst();
            }
            if (times.isEmpty()) {
                it.remove();
            }
        }
    }
}
