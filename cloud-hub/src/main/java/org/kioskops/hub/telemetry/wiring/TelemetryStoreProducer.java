package org.kioskops.hub.telemetry.wiring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.kioskops.hub.telemetry.TelemetryConfig;
import org.kioskops.hub.telemetry.TelemetryStore;
import org.kioskops.hub.telemetry.influx.InfluxTelemetryStore;
import org.kioskops.hub.telemetry.jdbc.JdbcTelemetryStore;

/**
 * Chooses the {@link TelemetryStore} adapter named by {@code kioskops.telemetry.store}: the one place that knows
 * both adapters, so that the port's package depends on neither.
 */
public class TelemetryStoreProducer {
    @Produces
    @ApplicationScoped
    TelemetryStore store(TelemetryConfig config, Instance<JdbcTelemetryStore> jdbc, Instance<InfluxTelemetryStore> influx) {
        return switch (config.store()) {
            case JDBC -> jdbc.get();
            case INFLUX -> influx.get();
        };
    }
}
