package org.kioskops.hub.ingest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.kioskops.hub.jdbc.SqlDialect;
import org.kioskops.hub.telemetry.TelemetryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an ingest worker's batches go: the hub's database and the telemetry store, in the order that keeps them
 * consistent. A transactional telemetry store (JDBC) writes inside the batch's database transaction; any other
 * (InfluxDB) writes first, idempotently, so that a transaction that fails and is retried writes it again without
 * harm. Devices' latest state may wait in memory ({@link #stateFlushIntervalNanos}) only with a transactional store,
 * since after a crash it is rebuilt from the telemetry stored in SQL.
 */
final class BatchStore {
    private static final Logger LOG = LoggerFactory.getLogger(BatchStore.class);

    private final DataSource dataSource;
    private final TelemetryStore telemetry;
    private final List<DeviceAnswerStore> answerStores;
    private final long stateFlushIntervalNanos;
    private StateWriter writer;

    BatchStore(DataSource dataSource, TelemetryStore telemetry, List<DeviceAnswerStore> answerStores, Duration stateFlushInterval) {
        this.dataSource = dataSource;
        this.telemetry = telemetry;
        this.answerStores = List.copyOf(answerStores);
        this.stateFlushIntervalNanos = telemetry.transactional() ? stateFlushInterval.toNanos() : 0;
    }

    /** How long a device's non-urgent state may wait in memory, in nanoseconds; 0 writes it with every batch. */
    long stateFlushIntervalNanos() {
        return stateFlushIntervalNanos;
    }

    /**
     * Stores the batch in one transaction of its own and, once it committed, marks the devices' rows as stored. Throws
     * when nothing was committed; what was written to a non-transactional telemetry store is then written again by
     * the retry.
     */
    void store(BatchWrites writes) {
        if (!telemetry.transactional() && !writes.telemetry.isEmpty()) {
            telemetry.write(writes.telemetry);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection()) {
                writer(c).write(c, writes);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot store the batch: " + e.getMessage(), e);
            }
            if (telemetry.transactional()) {
                telemetry.write(writes.telemetry);
            }
        });
        writer.stored(writes);
        telemetry.afterCommit(writes.telemetry);
    }

    /**
     * Loads devices in a transaction of their own, their sequence counts rebuilt from the messages stored after their
     * state row was last written (a device loaded stale would count stored messages as missing); with
     * {@code countPending}, also how many devices wait for an operator (-1 when all were found).
     */
    Loaded load(Set<String> ids, boolean countPending) {
        Loaded[] loaded = new Loaded[1];
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection()) {
                Map<String, LiveDevice> devices = LiveDeviceLoader.load(c, ids);
                if (stateFlushIntervalNanos > 0) {
                    LiveDeviceLoader.reconcile(c, devices);
                }
                long pending = countPending && !devices.keySet().containsAll(ids) ? LiveDeviceLoader.pending(c) : -1;
                loaded[0] = new Loaded(devices, pending);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot load devices: " + e.getMessage(), e);
            }
        });
        return loaded[0];
    }

    /** Devices found by {@link #load}, and the count of pending devices when asked for. */
    record Loaded(Map<String, LiveDevice> devices, long pending) {
    }

    /** Whether the database answers a query now: tells a failure of the data from one of the database. */
    boolean databaseAnswers() {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                try (Connection c = dataSource.getConnection()) {
                    LiveDeviceLoader.pending(c);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Closes the pool's idle connections, so that the retry and the next batches open fresh ones. */
    void dropIdleConnections() {
        try {
            if (dataSource.isWrapperFor(AgroalDataSource.class)) {
                dataSource.unwrap(AgroalDataSource.class).flush(AgroalDataSource.FlushMode.IDLE);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Cannot drop the pool's idle connections: {}", e.toString());
        }
    }

    private StateWriter writer(Connection c) throws SQLException {
        if (writer == null) {
            writer = new StateWriter(SqlDialect.of(c), stateFlushIntervalNanos, answerStores);
        }
        return writer;
    }

}
