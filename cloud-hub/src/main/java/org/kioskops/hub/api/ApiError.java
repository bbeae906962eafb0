package org.kioskops.hub.api;

import org.kioskops.hub.error.ErrorCode;

/** Errors of the HTTP layer itself: requests that cannot be read. */
public enum ApiError implements ErrorCode {
    INVALID_REQUEST("invalid_request", 400, "The request body or parameters cannot be read"),
    CONCURRENT_UPDATE("concurrent_update", 409, "The record changed while this request was processed; retry it");

    private final String code;
    private final int status;
    private final String title;

    ApiError(String code, int status, String title) {
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
