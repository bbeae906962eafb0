package org.kioskops.hub.command.jdbc;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import org.kioskops.hub.audit.jdbc.AuditRows;
import org.kioskops.hub.ingest.DeviceAnswerStore;
import org.kioskops.hub.ingest.DeviceAnswers;
import org.kioskops.hub.jdbc.Timestamps;

/**
 * Devices' answers onto their commands. The device's answer is the truth about a command, even one the hub had given
 * up as expired; a command never goes back from an answer to delivered, nor from one final answer to another.
 */
@ApplicationScoped
public class JdbcCommandAnswers implements DeviceAnswerStore {
    @Override
    public void store(Connection c, DeviceAnswers answers) throws SQLException {
        if (answers.commands().isEmpty()) {
            return;
        }
        try (PreparedStatement delivered = c.prepareStatement("update device_command set state = 'DELIVERED', delivered_at = ? "
                + "where id = ? and device_id = ? and state in ('QUEUED', 'EXPIRED')");
             PreparedStatement finished = c.prepareStatement("update device_command set state = ?, detail = ?, result = ?, "
                     + "completed_at = ?, delivered_at = coalesce(delivered_at, ?) "
                     + "where id = ? and device_id = ? and state in ('QUEUED', 'DELIVERED', 'EXPIRED')");
             PreparedStatement audit = AuditRows.prepare(c)) {
            for (DeviceAnswers.CommandAnswer a : answers.commands()) {
                if (a.state().equals("DELIVERED")) {
                    Timestamps.set(delivered, 1, a.at());
                    delivered.setLong(2, a.commandId());
                    delivered.setString(3, a.deviceId());
                    delivered.executeUpdate();
                } else {
                    finished.setString(1, a.state());
                    finished.setString(2, a.detail());
                    finished.setString(3, a.data());
                    Timestamps.set(finished, 4, a.at());
                    // an expired command was never delivered
                    Timestamps.set(finished, 5, a.state().equals("EXPIRED") ? null : a.at());
                    finished.setLong(6, a.commandId());
                    finished.setString(7, a.deviceId());
                    if (finished.executeUpdate() == 1) {
                        AuditRows.addDeviceAction(audit, a.deviceId(), "command." + a.state().toLowerCase(Locale.ROOT), a.at(),
                                "command " + a.commandId() + (a.detail() == null ? "" : ": " + a.detail()));
                    }
                }
            }
            audit.executeBatch();
        }
    }
}
