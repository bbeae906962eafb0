package org.kioskops.agent;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one agent, for its log, the simulator's summary and (later) its own telemetry. */
public final class AgentStats {
    final LongAdder created = new LongAdder();
    final LongAdder published = new LongAdder();
    final LongAdder acknowledged = new LongAdder();
    final LongAdder publishFailures = new LongAdder();
    final LongAdder confirmed = new LongAdder();
    final LongAdder resent = new LongAdder();
    final LongAdder refusedByBroker = new LongAdder();
    final LongAdder refusedByHub = new LongAdder();
    final LongAdder connects = new LongAdder();
    final LongAdder connectionLosses = new LongAdder();
    final LongAdder collectorErrors = new LongAdder();
    volatile String lastConnectionProblem;
    /** Publish-to-acknowledgement times, in buckets a quarter of a power of two wide (about 19 %). */
    final LongAdder[] ackLatency = new LongAdder[LATENCY_BUCKETS];

    static final int LATENCY_BUCKETS = 128;

    public AgentStats() {
        for (int i = 0; i < LATENCY_BUCKETS; i++) {
            ackLatency[i] = new LongAdder();
        }
    }

    void recordAckLatency(long nanos) {
        long micros = Math.max(1, nanos / 1000);
        int bucket = (int) Math.min(LATENCY_BUCKETS - 1, Math.floor(Math.log(micros) / Math.log(2) * 4));
        ackLatency[bucket].increment();
    }

    /** Adds this agent's acknowledgement times to {@code counts} (one slot per bucket), to merge a fleet's. */
    public void addAckLatencies(long[] counts) {
        for (int i = 0; i < LATENCY_BUCKETS; i++) {
            counts[i] += ackLatency[i].sum();
        }
    }

    /** The upper bound, in milliseconds, of the bucket holding quantile {@code q} of merged {@code counts}; NaN without any. */
    public static double ackLatencyQuantileMillis(long[] counts, double q) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.pow(2, (i + 1) / 4.0) / 1000.0;
            }
        }
        return Double.NaN;
    }

    /** Slots needed by {@link #addAckLatencies}. */
    public static long[] newLatencyCounts() {
        return new long[LATENCY_BUCKETS];
    }

    /** Messages created, each with a sequence number; the numbers reserved for wills are not counted. */
    public long created() {
        return created.sum();
    }

    /** Publish attempts, including retries. */
    public long published() {
        return published.sum();
    }

    /** Publishes the broker acknowledged; a message sent again is counted again. */
    public long acknowledged() {
        return acknowledged.sum();
    }

    /** Publish attempts that failed and stay queued for retry. */
    public long publishFailures() {
        return publishFailures.sum();
    }

    /** Messages the hub's receipts confirmed as stored (contract 1.5). */
    public long confirmed() {
        return confirmed.sum();
    }

    /** Messages sent again because no receipt confirmed them (a new connection, or a later one confirmed first). */
    public long resent() {
        return resent.sum();
    }

    /** Publishes the broker refused (PUBACK reason code 0x80 or more, or 0x10 "no matching subscribers"). */
    public long refusedByBroker() {
        return refusedByBroker.sum();
    }

    /** Messages the hub refused for good, as its receipts said; they are not sent again. */
    public long refusedByHub() {
        return refusedByHub.sum();
    }

    /** Successful connections. */
    public long connects() {
        return connects.sum();
    }

    /** Connections lost or attempts failed. */
    public long connectionLosses() {
        return connectionLosses.sum();
    }

    /** Hardware reads that failed (the part was left out of the sample). */
    public long collectorErrors() {
        return collectorErrors.sum();
    }

    /** Why the last connection was lost or the last attempt failed (never a secret); null if it never was. */
    public String lastConnectionProblem() {
        return lastConnectionProblem;
    }
}
