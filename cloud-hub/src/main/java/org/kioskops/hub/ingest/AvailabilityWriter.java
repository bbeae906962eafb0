package org.kioskops.hub.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.kioskops.hub.jdbc.Timestamps;

/** Appends a batch's availability transitions and applies the causes learned from returning devices. */
final class AvailabilityWriter {
    private AvailabilityWriter() {
    }

    /**
     * Writes in the order of the batch, so that a cause refers to the offline period it was learned for even
     * when one batch holds several. The latest offline row is found by id: timestamps in memory may be finer
     * than the database keeps them.
     */
    static void write(Connection c, BatchWrites w) throws SQLException {
        if (w.availability.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement(
                "insert into availability_change (device_id, changed_at, connection, cause, session_no) values (?, ?, ?, ?, ?)");
             PreparedStatement refine = c.prepareStatement("update availability_change set cause = ? where id = "
                     + "(select max(id) from availability_change where device_id = ? and connection = 'OFFLINE')")) {
            for (BatchWrites.AvailabilityWrite write : w.availability) {
                if (write instanceof BatchWrites.AvailabilityChange change) {
                    insert.setString(1, change.deviceId());
                    Timestamps.set(insert, 2, change.at());
                    insert.setString(3, change.connection().name());
                    insert.setString(4, change.cause());
                    if (change.session() == null) {
                        insert.setNull(5, Types.BIGINT);
                    } else {
                        insert.setLong(5, change.session());
                    }
                    insert.executeUpdate();
                } else if (write instanceof BatchWrites.CauseRefinement refinement) {
                    refine.setString(1, refinement.cause());
                    refine.setString(2, refinement.deviceId());
                    refine.executeUpdate();
                }
            }
        }
    }
}
