package org.kioskops.hub.ingest;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where a feature stores what devices answered to its orders, in the transaction of the ingest batch that carried
 * the answers: an answer is stored exactly when its message is, and a redelivered message finds it stored. The
 * feature that owns the table implements it (commands, desired configuration, deployments); ingest calls every
 * implementation with each batch that carried answers.
 */
public interface DeviceAnswerStore {
    /**
     * Stores this feature's part of {@code answers} on {@code connection}, which belongs to the batch's transaction:
     * do not commit or close it. Answers may repeat (a redelivered message) or arrive out of order.
     */
    void store(Connection connection, DeviceAnswers answers) throws SQLException;
}
