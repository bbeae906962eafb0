package org.kioskops.hub.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The hub on the machine's own services: Mosquitto on 127.0.0.1:1883 and PostgreSQL on 127.0.0.1:5432,
 * database {@code test}, in a schema of this run's own (dropped afterwards). Client id and shared group
 * are unique per run, so that no earlier run's session or another hub interferes.
 */
public class MachineServicesProfile implements QuarkusTestProfile {
    public static final String RUN = Long.toString(System.nanoTime(), 36);
    public static final String SCHEMA = "kioskops_it_" + RUN;
    public static final String BROKER = "tcp://127.0.0.1:1883";
    public static final String JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("quarkus.datasource.db-kind", "postgresql"),
                Map.entry("quarkus.datasource.jdbc.url", JDBC_URL + "?currentSchema=" + SCHEMA + "&reWriteBatchedInserts=true"),
                Map.entry("quarkus.datasource.username", "postgres"),
                Map.entry("quarkus.flyway.schemas", SCHEMA),
                Map.entry("quarkus.flyway.default-schema", SCHEMA),
                Map.entry("kioskops.mqtt.url", BROKER),
                Map.entry("kioskops.mqtt.client-id", "kioskops-hub-it-" + RUN),
                Map.entry("kioskops.mqtt.shared-group", "kioskops-hub-it-" + RUN),
                Map.entry("kioskops.mqtt.session-expiry", "120s"),
                // a profile of its own, so %test settings do not apply: like the other tests, without users
                Map.entry("kioskops.auth.enabled", "false"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresSchemaResource.class));
    }

    @Override
    public String getConfigProfile() {
        return "machine-services";
    }
}
