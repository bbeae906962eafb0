package org.kioskops.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.net.SocketException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.telemetry.TelemetryStoreException;

/** Which storage failures pass (retried, nothing acknowledged) and which the data causes (the message may be refused). */
class StorageFailuresTest {

    private static RuntimeException wrapped(Throwable cause) {
        // how the ingest worker sees a JDBC failure: inside its own exception, inside the transaction's
        return new RuntimeException("transaction failed", new IllegalStateException("cannot store the batch", cause));
    }

    @Test
    void a_connection_closed_under_the_hub_passes_and_puts_the_pool_in_doubt() {
        SQLException terminated = new SQLException("An I/O error occurred while sending to the backend.", "08006",
                new SocketException("Broken pipe"));
        SQLException closed = new SQLException("This connection has been closed.", "08003");
        SQLException adminShutdown = new SQLException("terminating connection due to administrator command", "57P01");

        for (SQLException e : new SQLException[] {terminated, closed, adminShutdown}) {
            assertThat(StorageFailures.transientCause(wrapped(e))).contains("connection");
            assertThat(StorageFailures.connectionLost(wrapped(e))).isTrue();
        }
        assertThat(StorageFailures.transientCause(wrapped(new EOFException()))).contains("connection");
    }

    @Test
    void conflicts_timeouts_and_exhausted_resources_pass() {
        assertThat(StorageFailures.transientCause(wrapped(new SQLException("could not serialize access", "40001")))).contains("conflict");
        assertThat(StorageFailures.transientCause(wrapped(new SQLException("deadlock detected", "40P01")))).contains("conflict");
        assertThat(StorageFailures.transientCause(wrapped(new SQLException("Sorry, acquisition timeout!")))).contains("timeout");
        assertThat(StorageFailures.transientCause(wrapped(new SQLException("too many connections", "53300")))).contains("resources");
        assertThat(StorageFailures.transientCause(wrapped(new SQLTransientConnectionException("pool")))).isPresent();
        assertThat(StorageFailures.transientCause(new TelemetryStoreException("influx answered 503", true, null))).contains("telemetry_store");
    }

    @Test
    void a_failure_the_data_causes_does_not_pass() {
        BatchUpdateException constraint = new BatchUpdateException("violates check constraint", "23514", 0, new int[0]);
        SQLException tooLong = new SQLException("value too long for type character varying(64)", "22001");

        assertThat(StorageFailures.transientCause(wrapped(constraint))).isEmpty();
        assertThat(StorageFailures.transientCause(wrapped(tooLong))).isEmpty();
        assertThat(StorageFailures.transientCause(new TelemetryStoreException("influx refused the point", false, null))).isEmpty();
        assertThat(StorageFailures.transientCause(new NullPointerException())).isEmpty();
    }

    @Test
    void a_failure_is_logged_by_the_drivers_own_words_not_the_whole_statement() {
        String statement = "Batch entry 0 update device_state set " + "x = ?, ".repeat(200) + "\nsecond line";
        SQLException failure = new SQLException(statement, "08006");

        assertThat(StorageFailures.describe(wrapped(failure))).startsWith("SQLException: Batch entry 0 update device_state")
                .hasSizeLessThan(230).doesNotContain("second line");
    }
}
