package org.kioskops.hub.identity;

import org.kioskops.hub.error.ErrorCode;

/** Errors of device identity: credentials, imports, claims. */
public enum IdentityError implements ErrorCode {
    NO_CREDENTIALS(new Spec("no_credentials", 404, "The device has no credentials")),
    DEVICE_REJECTED(new Spec("device_rejected", 409, "The device is rejected; accept it before issuing credentials")),
    INVALID_IMPORT(new Spec("invalid_import", 400, "The import cannot be read")),
    INVALID_CLAIM(new Spec("invalid_claim", 400, "The claim request is not valid")),
    CLAIM_CODE_INVALID(new Spec("claim_code_invalid", 403, "The claim code is unknown, used or expired")),
    CLAIM_NOT_FOUND(new Spec("claim_not_found", 404, "No such claim")),
    CLAIM_REJECTED(new Spec("claim_rejected", 403, "The claim was rejected")),
    CLAIM_DECIDED(new Spec("claim_decided", 409, "The claim was already decided")),
    PICKUP_DENIED(new Spec("pickup_denied", 403, "The pickup token does not match this claim")),
    CLAIM_THROTTLED(new Spec("claim_throttled", 429, "Too many refused claims or pickups; try again later")),
    INVALID_CERTIFICATE_REQUEST(new Spec("invalid_certificate_request", 400, "The certificate request is not valid")),
    NO_BROKER_CA(new Spec("no_broker_ca", 404, "The broker has no TLS CA known to the hub")),
    DEVICE_EXISTS(new Spec("device_exists", 409, "A registered device already has this id"));

    private final Spec spec;

    IdentityError(Spec spec) {
        this.spec = spec;
    }

    @Override
    public Spec spec() {
        return spec;
    }
}
