package org.kioskops.hub.ingest;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;
import java.util.Optional;
import java.util.Set;
import org.kioskops.hub.telemetry.TelemetryStoreException;

/**
 * Tells a storage failure that passes (a connection closed under the hub, a deadlock, a serialisation
 * conflict, a timeout, a telemetry store answering 5xx) from one the data causes. A passing failure is retried
 * with the batch held unacknowledged; only the other kind may cost a message a rejection.
 */
final class StorageFailures {
    /** H2's codes for a broken or closed connection and a database shutting down. */
    private static final Set<Integer> H2_CONNECTION_CODES = Set.of(90067, 90098, 90121);

    private StorageFailures() {
    }

    /** Why {@code failure} is expected to pass ({@code connection}, {@code conflict}, {@code timeout}, ...), if it is. */
    static Optional<String> transientCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Optional<String> cause = classify(t);
            if (cause.isPresent()) {
                return cause;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                cause = classify(suppressed);
                if (cause.isPresent()) {
                    return cause;
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the failure says a pooled connection is dead, so that idle ones are suspect too. */
    static boolean connectionLost(Throwable failure) {
        return transientCause(failure).filter("connection"::equals).isPresent();
    }

    /**
     * The failure in one short line for a log: its innermost cause (the driver's own words) cut to 200 characters,
     * not a whole failed batch statement.
     */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        if (message.length() > 200) {
            message = message.substring(0, 200) + "...";
        }
        return root.getClass().getSimpleName() + ": " + message;
    }

    private static Optional<String> classify(Throwable t) {
        if (t instanceof TelemetryStoreException e) {
            return e.retryable() ? Optional.of("telemetry_store") : Optional.empty();
        }
        if (t instanceof SQLRecoverableException || t instanceof IOException) {
            return Optional.of("connection");
        }
        if (t instanceof SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("08") || state.startsWith("57P") || H2_CONNECTION_CODES.contains(e.getErrorCode())) {
                return Optional.of("connection");
            }
            if (state.startsWith("40") || state.equals("55P03")) {
                return Optional.of("conflict");
            }
            if (state.startsWith("HYT") || t instanceof SQLTimeoutException || String.valueOf(e.getMessage()).contains("acquisition timeout")) {
                return Optional.of("timeout");
            }
            if (state.startsWith("53")) {
                return Optional.of("resources");
            }
            if (t instanceof SQLTransientException) {
                return Optional.of("transient");
            }
        }
        return Optional.empty();
    }
}
