package org.kioskops.hub.telemetry.jdbc;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.kioskops.hub.telemetry.TelemetryConfig;

/** Skips the JDBC telemetry jobs when telemetry goes to another store. */
@Singleton
public class JdbcStoreInactive implements Scheduled.SkipPredicate {
    @Inject
    TelemetryConfig config;

    @Override
    public boolean test(ScheduledExecution execution) {
        return config.store() != TelemetryConfig.StoreKind.JDBC;
    }
}
