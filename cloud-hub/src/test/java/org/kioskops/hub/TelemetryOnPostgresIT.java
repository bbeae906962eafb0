package org.kioskops.hub;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.support.MachineServicesProfile;
import org.kioskops.hub.telemetry.jdbc.RetentionJob;
import org.kioskops.hub.telemetry.jdbc.RollupJob;
import org.kioskops.testing.MqttProbe;

/** The JDBC telemetry store on the machine's PostgreSQL (and Mosquitto): ingest, raw and rollup queries, site aggregates, retention. */
@QuarkusTest
@TestProfile(MachineServicesProfile.class)
class TelemetryOnPostgresIT {
    @Inject
    RollupJob rollups;

    @Inject
    RetentionJob retention;

    @Inject
    DataSource dataSource;

    private MqttProbe mqtt;
    private TelemetryFlow flow;

    @BeforeEach
    void connect() {
        mqtt = MqttProbe.connect(MachineServicesProfile.BROKER);
        flow = new TelemetryFlow(mqtt, rollups, retention, dataSource);
    }

    @AfterEach
    void close() {
        mqtt.close();
    }

    @Test
    void device_series_from_raw_samples_and_from_rollups_agree() {
        flow.device_series_from_raw_samples_and_from_rollups_agree();
    }

    @Test
    void site_occupancy_is_occupied_over_total_of_all_its_kiosks() {
        flow.site_occupancy_is_occupied_over_total_of_all_its_kiosks();
    }

    @Test
    void retention_deletes_raw_samples_past_their_retention_and_keeps_rollups() throws Exception {
        flow.retention_deletes_raw_samples_past_their_retention_and_keeps_rollups();
    }
}
