package org.kioskops.agent;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one agent, for its log, the simulator's summary and (later) its own telemetry. */
public final class AgentStats {
    final LongAdder created = new LongAdder();
    final LongAdder published = new LongAdder();
    final LongAdder acknowledged = new LongAdder();
    final LongAdder publishFailures = new LongAdder();
    final LongAdder connects = new LongAdder();
    final LongAdder connectionLosses = new LongAdder();
    final LongAdder collectorErrors = new LongAdder();
    volatile String lastConnectionProblem;

    /** Messages created, each with a sequence number; the numbers reserved for wills are not counted. */
    public long created() {
        return created.sum();
    }

    /** Publish attempts, including retries. */
    public long published() {
        return published.sum();
    }

    /** Messages the broker acknowledged. */
    public long acknowledged() {
        return acknowledged.sum();
    }

    /** Publish attempts that failed and stay queued for retry. */
    public long publishFailures() {
        return publishFailures.sum();
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
