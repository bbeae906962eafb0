package org.kioskops.hub.error;

/**
 * An error the hub reports to API clients. Each area has one enum of these; the API maps them all to HTTP
 * and Problem JSON in one place ({@code org.kioskops.hub.api.ProblemMapper}).
 */
public interface ErrorCode {
    /**
     * What an error code stands for.
     *
     * @param code       stable lower-case code, the {@code code} member of the problem body
     * @param httpStatus HTTP status the error maps to
     * @param title      short human-readable summary, the {@code title} of the problem body
     */
    record Spec(String code, int httpStatus, String title) {
    }

    Spec spec();

    default String code() {
        return spec().code();
    }

    default int httpStatus() {
        return spec().httpStatus();
    }

    default String title() {
        return spec().title();
    }
}
