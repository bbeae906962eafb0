package org.kioskops.agent.uplink;

import java.util.Random;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconnect delays with exponential backoff and full jitter: a uniform delay between 0 and
 * min(max, min * 2^(attempt-1)) (plus half the minimum), so that boxes that lost the hub together do not come
 * back together.
 */
public final class ReconnectBackoff {
    private static final Logger LOG = LoggerFactory.getLogger(ReconnectBackoff.class);

    private final long minMillis;
    private final long maxMillis;
    private final Random random;
    private final ScheduledExecutorService scheduler;
    private final String deviceId;

    /** @param scheduler runs the reconnect attempts; may be shared by many uplinks */
    private java.util.concurrent.ScheduledFuture<?> waiting;

    public ReconnectBackoff(long minMillis, long maxMillis, Random random, ScheduledExecutorService scheduler, String deviceId) {
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
        this.random = random;
        this.scheduler = scheduler;
        this.deviceId = deviceId;
    }

    /**
     * Runs {@code attempt} after {@code delayMillis}, unless an attempt is already waiting: a lost connection and a
     * failed attempt must not start two chains of reconnections that cross. Nothing once the scheduler has shut down.
     */
    public synchronized void schedule(Runnable attempt, long delayMillis) {
        if (waiting != null) {
            LOG.debug("{} reconnection already scheduled", deviceId);
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
            LOG.debug("{} not reconnecting: the scheduler has shut down", deviceId);
        }
    }

    /** The delay before attempt {@code attempt} (from 1) after a failure. */
    public long delayMillis(int attempt) {
        long ceiling = minMillis << Math.min(Math.max(attempt, 1) - 1, 20);
        ceiling = Math.min(maxMillis, Math.max(minMillis, ceiling));
        return minMillis / 2 + (long) (random.nextDouble() * ceiling);
    }
}
