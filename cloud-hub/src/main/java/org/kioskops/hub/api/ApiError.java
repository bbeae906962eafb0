package org.kioskops.hub.api;

import org.kioskops.hub.error.ErrorCode;

/** Errors of the HTTP layer itself: requests that cannot be read. */
public enum ApiError implements ErrorCode {
    INVALID_REQUEST(new Spec("invalid_request", 400, "The request body or parameters cannot be read")),
    CONCURRENT_UPDATE(new Spec("concurrent_update", 409, "The record changed while this request was processed; retry it"));

    private final Spec spec;

    ApiError(Spec spec) {
        this.spec = spec;
    }

    @Override
    public Spec spec() {
        return spec;
    }
}
