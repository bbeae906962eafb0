package org.kioskops.hub.telemetry;

import org.kioskops.hub.error.ErrorCode;

/** Errors of the telemetry query API. */
public enum TelemetryError implements ErrorCode {
    INVALID_QUERY(new Spec("invalid_query", 400, "Invalid telemetry query")),
    STORE_UNAVAILABLE(new Spec("store_unavailable", 503, "The telemetry store cannot be reached"));

    private final Spec spec;

    TelemetryError(Spec spec) {
        this.spec = spec;
    }

    @Override
    public Spec spec() {
        return spec;
    }
}
