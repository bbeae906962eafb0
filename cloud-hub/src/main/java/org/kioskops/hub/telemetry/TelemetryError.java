package org.kioskops.hub.telemetry;

import org.kioskops.hub.error.ErrorCode;

/** Errors of the telemetry query API. */
public enum TelemetryError implements ErrorCode {
    INVALID_QUERY("invalid_query", 400, "Invalid telemetry query"),
    STORE_UNAVAILABLE("store_unavailable", 503, "The telemetry store cannot be reached");

    private final String code;
    private final int status;
    private final String title;

    TelemetryError(String code, int status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public int httpStatus() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
