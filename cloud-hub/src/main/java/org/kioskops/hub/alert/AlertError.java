package org.kioskops.hub.alert;

import org.kioskops.hub.error.ErrorCode;

/** Errors of the alert API. */
public enum AlertError implements ErrorCode {
    ALERT_NOT_FOUND(new Spec("alert_not_found", 404, "No such alert")),
    ALERT_RESOLVED(new Spec("alert_resolved", 409, "The alert is already resolved")),
    INVALID_ALERT_REQUEST(new Spec("invalid_alert_request", 400, "The request is not valid"));

    private final Spec spec;

    AlertError(Spec spec) {
        this.spec = spec;
    }

    @Override
    public Spec spec() {
        return spec;
    }
}
