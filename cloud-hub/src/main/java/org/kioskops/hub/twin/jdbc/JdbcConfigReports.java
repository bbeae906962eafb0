package org.kioskops.hub.twin.jdbc;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.kioskops.hub.audit.jdbc.AuditRows;
import org.kioskops.hub.ingest.DeviceAnswerStore;
import org.kioskops.hub.ingest.DeviceAnswers;
import org.kioskops.hub.jdbc.Timestamps;

/** Devices' reports on their desired configuration onto their twins; an older report (a late redelivery) does not overwrite a newer one. */
@ApplicationScoped
public class JdbcConfigReports implements DeviceAnswerStore {
    @Override
    public void store(Connection c, DeviceAnswers answers) throws SQLException {
        if (answers.configs().isEmpty()) {
            return;
        }
        try (PreparedStatement update = c.prepareStatement("update device_twin set reported_version = ?, reported_outcome = ?, "
                + "reported_reason = ?, active_version = ?, reported_at = ? where device_id = ? and (reported_at is null or reported_at <= ?)")) {
            for (DeviceAnswers.ConfigReport r : answers.configs()) {
                update.setString(1, r.version());
                update.setString(2, r.outcome());
                update.setString(3, r.reason());
                update.setString(4, r.active());
                Timestamps.set(update, 5, r.at());
                update.setString(6, r.deviceId());
                Timestamps.set(update, 7, r.at());
                update.addBatch();
            }
            update.executeBatch();
        }
        try (PreparedStatement audit = AuditRows.prepare(c)) {
            for (DeviceAnswers.ConfigReport r : answers.configs()) {
                AuditRows.addDeviceAction(audit, r.deviceId(), "config." + r.outcome(), r.at(), "version " + r.version()
                        + (r.reason() == null ? "" : ": " + r.reason()));
            }
            audit.executeBatch();
        }
    }
}
