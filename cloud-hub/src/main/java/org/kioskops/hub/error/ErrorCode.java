package org.kioskops.hub.error;

/**
 * An error the hub reports to API clients. Each area has one enum of these; the API maps them all to HTTP
 * and Problem JSON in one place ({@code org.kioskops.hub.api.ProblemMapper}).
 */
public interface ErrorCode {
    /** Stable lower-case code, the {@code code} member of the problem body. */
    String code();

    /** HTTP status the error maps to. */
    int httpStatus();

    /** Short human-readable summary, the {@code title} of the problem body. */
    String title();
}
