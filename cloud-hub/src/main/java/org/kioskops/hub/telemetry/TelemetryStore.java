package org.kioskops.hub.telemetry;

import java.util.List;

/**
 * Where kiosk telemetry is kept as time series. Writes are idempotent on (device, seq, sample index): a
 * redelivered message writes nothing new. A write that returns has been accepted durably by the store;
 * the ingest path acknowledges a message to the broker only after that.
 *
 * <p>Adapters: {@code JdbcTelemetryStore} (H2, PostgreSQL; within the ingest transaction) and
 * {@code InfluxTelemetryStore} (InfluxDB 2), chosen by {@code kioskops.telemetry.store}.
 */
public interface TelemetryStore {
    /**
     * Stores samples.
     *
     * @throws TelemetryStoreException when the store refused or could not be reached; its
     *                                 {@link TelemetryStoreException#retryable()} tells whether trying again may help
     */
    void write(List<TelemetryPoint> points);

    /**
     * Called once the transaction that wrote {@code points} committed (stores that keep derived data, such
     * as rollups, learn here what changed).
     */
    default void afterCommit(List<TelemetryPoint> points) {
    }

    /** One series per requested metric. */
    List<Series> query(SeriesRequest request);

    /** Whether writes join the ingest's database transaction (so they commit or roll back with it). */
    boolean transactional();
}
