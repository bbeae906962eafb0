package org.kioskops.hub.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/** Drops this run's schema from the machine's PostgreSQL when the tests are done. */
public class PostgresSchemaResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return Map.of();
    }

    @Override
    public void stop() {
        try (Connection c = DriverManager.getConnection(MachineServicesProfile.JDBC_URL, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + MachineServicesProfile.SCHEMA + " cascade");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test schema " + MachineServicesProfile.SCHEMA, e);
        }
    }
}
