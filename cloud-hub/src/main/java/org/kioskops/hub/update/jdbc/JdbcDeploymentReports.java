package org.kioskops.hub.update.jdbc;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.kioskops.hub.audit.jdbc.AuditRows;
import org.kioskops.hub.ingest.DeviceAnswerStore;
import org.kioskops.hub.ingest.DeviceAnswers;
import org.kioskops.hub.jdbc.Timestamps;
import org.kioskops.hub.update.DeploymentState;

/**
 * Devices' update reports onto their deployments. A report moves its deployment forward, never back (reports of one
 * deployment can arrive out of order across reconnections), and a final state stays final.
 */
@ApplicationScoped
public class JdbcDeploymentReports implements DeviceAnswerStore {
    @Override
    public void store(Connection c, DeviceAnswers answers) throws SQLException {
        if (answers.updates().isEmpty()) {
            return;
        }
        try (PreparedStatement audit = AuditRows.prepare(c)) {
            for (DeviceAnswers.UpdateReport r : answers.updates()) {
                DeploymentState state = DeploymentState.valueOf(r.state());
                String from = Arrays.stream(DeploymentState.values())
                        .filter(s -> !s.isFinal() && (state.isFinal() || s.ordinal() <= state.ordinal()))
                        .map(s -> "'" + s.name() + "'").collect(Collectors.joining(","));
                try (PreparedStatement update = c.prepareStatement("update rollout_deployment set state = ?, "
                        + "running_version = coalesce(?, running_version), bytes = coalesce(?, bytes), code = ?, detail = ?, "
                        + "reported_at = ?, updated_at = ? where id = ? and device_id = ? and state in (" + from + ")")) {
                    update.setString(1, state.name());
                    update.setString(2, r.running());
                    if (r.bytes() == null) {
                        update.setNull(3, Types.BIGINT);
                    } else {
                        update.setLong(3, r.bytes());
                    }
                    update.setString(4, r.code());
                    update.setString(5, r.detail());
                    Timestamps.set(update, 6, r.at());
                    Timestamps.set(update, 7, r.at());
                    update.setLong(8, r.deploymentId());
                    update.setString(9, r.deviceId());
                    if (update.executeUpdate() == 1 && state.isFinal()) {
                        AuditRows.addDeviceAction(audit, r.deviceId(), "update." + r.state().toLowerCase(Locale.ROOT), r.at(),
                                "deployment " + r.deploymentId() + (r.code() == null ? "" : " (" + r.code() + ")")
                                        + (r.detail() == null ? "" : ": " + r.detail()));
                    }
                }
            }
            audit.executeBatch();
        }
    }
}
