package org.kioskops.hub.identity;

import org.kioskops.hub.error.ErrorCode;

/** Errors of device identity: credentials, imports, claims. */
public enum IdentityError implements ErrorCode {
    NO_CREDENTIALS("no_credentials", 404, "The device has no credentials"),
    DEVICE_REJECTED("device_rejected", 409, "The device is rejected; accept it before issuing credentials"),
    INVALID_IMPORT("invalid_import", 400, "The import cannot be read"),
    INVALID_CLAIM("invalid_claim", 400, "The claim request is not valid"),
    CLAIM_CODE_INVALID("claim_code_invalid", 403, "The claim code is unknown, used or expired"),
    CLAIM_NOT_FOUND("claim_not_found", 404, "No such claim"),
    CLAIM_REJECTED("claim_rejected", 403, "The claim was rejected"),
    CLAIM_DECIDED("claim_decided", 409, "The claim was already decided"),
    PICKUP_DENIED("pickup_denied", 403, "The pickup token does not match this claim"),
    INVALID_CERTIFICATE_REQUEST("invalid_certificate_request", 400, "The certificate request is not valid"),
    NO_BROKER_CA("no_broker_ca", 404, "The broker has no TLS CA known to the hub"),
    DEVICE_EXISTS("device_exists", 409, "A registered device already has this id");

    private final String code;
    private final int status;
    private final String title;

    IdentityError(String code, int status, String title) {
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
