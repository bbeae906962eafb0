package org.kioskops.agent;

/**
 * The replay budget: most outbox messages sent per second, with a burst of one second's worth. Live traffic never
 * reaches it; a backlog after an outage drains at this pace, so that a district's boxes coming back together do
 * not flood the hub. Confined to the publisher's loop.
 */
final class ReplayBudget {
    private final double perSecond;
    private double tokens;
    private long atNanos = System.nanoTime();

    ReplayBudget(double perSecond) {
        this.perSecond = perSecond;
        this.tokens = perSecond;
    }

    /** Takes one send; 0 when granted, else the nanoseconds until the next one is due. */
    long take() {
        long now = System.nanoTime();
        tokens = Math.min(perSecond, tokens + (now - atNanos) / 1e9 * perSecond);
        atNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perSecond * 1e9);
    }
}
