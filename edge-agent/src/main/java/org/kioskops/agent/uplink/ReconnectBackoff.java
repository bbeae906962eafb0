package org.kioskops.agent.uplink;

import java.util.Random;

/**
 * Reconnect delays with exponential backoff and full jitter: a uniform delay between 0 and
 * min(max, min * 2^(attempt-1)) (plus half the minimum), so that boxes that lost the hub together do not come
 * back together.
 */
public final class ReconnectBackoff {
    private final long minMillis;
    private final long maxMillis;
    private final Random random;

    public ReconnectBackoff(long minMillis, long maxMillis, Random random) {
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
        this.random = random;
    }

    /** The delay before attempt {@code attempt} (from 1) after a failure. */
    public long delayMillis(int attempt) {
        long ceiling = minMillis << Math.min(Math.max(attempt, 1) - 1, 20);
        ceiling = Math.min(maxMillis, Math.max(minMillis, ceiling));
        return minMillis / 2 + (long) (random.nextDouble() * ceiling);
    }
}
