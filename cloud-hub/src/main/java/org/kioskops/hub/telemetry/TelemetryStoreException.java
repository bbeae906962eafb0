package org.kioskops.hub.telemetry;

/** A telemetry write or query that failed; {@link #retryable()} separates outages from refused data. */
public final class TelemetryStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public TelemetryStoreException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** True for outages (unreachable, timeout, 5xx, 429); false when the store refused the data itself. */
    public boolean retryable() {
        return retryable;
    }
}
