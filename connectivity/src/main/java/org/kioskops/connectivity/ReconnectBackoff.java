package org.kioskops.connectivity;

import java.util.Random;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconnect delays with exponential backoff and full jitter, and one chain of attempts at a time. The delay before
 * attempt n is half the minimum plus a uniform draw from [0, min(max, min * 2^(n-1))), so that boxes that lost the
 * broker together do not come back together, and a box never waits more than half the minimum plus the maximum.
 * Used by every connection KioskOps keeps: the agent's MQTT and CoAP uplinks and the hub's MQTT client.
 */
public final class ReconnectBackoff {
    private static final Logger LOG = LoggerFactory.getLogger(ReconnectBackoff.class);

    private final long minMillis;
    private final long maxMillis;
    private final Random random;
    private final ScheduledExecutorService scheduler;
    private final String owner;
    private ScheduledFuture<?> waiting;

    /**
     * @param minMillis the first ceiling, and twice the least delay
     * @param maxMillis the largest ceiling
     * @param random    the source of jitter (seeded in tests and simulations)
     * @param scheduler runs the reconnect attempts; may be shared by many connections
     * @param owner     whose connection, first in log lines: a device id, or {@code hub}
     */
    public ReconnectBackoff(long minMillis, long maxMillis, Random random, ScheduledExecutorService scheduler, String owner) {
        if (minMillis < 1 || maxMillis < minMillis) {
            throw new IllegalArgumentException("reconnect delays must satisfy 1 <= min <= max, were " + minMillis + " and " + maxMillis);
        }
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
        this.random = random;
        this.scheduler = scheduler;
        this.owner = owner;
    }

    /**
     * Runs {@code attempt} after {@code delayMillis}, unless an attempt is already waiting: a lost connection and a
     * failed attempt must not start two chains of reconnections that cross. Nothing once the scheduler has shut down.
     */
    public synchronized void schedule(Runnable attempt, long delayMillis) {
        if (waiting != null) {
            LOG.debug("{} reconnection already scheduled", owner);
            return;
        }
        try {
            waiting = scheduler.schedule(() -> {
                synchronized (this) {
                    waiting = null;
                }
                attempt.run();
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("{} not reconnecting: the scheduler has shut down", owner);
        }
    }

    /** The delay before attempt {@code attempt} (from 1) after a failure. */
    public long delayMillis(int attempt) {
        long ceiling = minMillis << Math.min(Math.max(attempt, 1) - 1, 20);
        ceiling = Math.min(maxMillis, Math.max(minMillis, ceiling));
        return minMillis / 2 + (long) (random.nextDouble() * ceiling);
    }
}
