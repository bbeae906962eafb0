package org.kioskops.hub.twin;

import org.kioskops.hub.error.ErrorCode;

/** Errors of the configuration API. */
public enum TwinError implements ErrorCode {
    INVALID_SETTINGS(new Spec("invalid_settings", 400, "The settings document is not valid")),
    SCOPE_NOT_FOUND(new Spec("scope_not_found", 404, "No such site or device")),
    DOCUMENT_NOT_FOUND(new Spec("document_not_found", 404, "No settings document at this scope"));

    private final Spec spec;

    TwinError(Spec spec) {
        this.spec = spec;
    }

    @Override
    public Spec spec() {
        return spec;
    }
}
