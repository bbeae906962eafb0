package org.kioskops.hub.access;

import org.kioskops.hub.error.ErrorCode;

/** Errors of authentication and authorisation. */
public enum AccessError implements ErrorCode {
    UNAUTHENTICATED(new Spec("unauthenticated", 401, "Credentials are required")),
    FORBIDDEN(new Spec("forbidden", 403, "Not allowed for this user")),
    LOGIN_FAILED(new Spec("login_failed", 401, "Unknown user or wrong password")),
    INVALID_USER(new Spec("invalid_user", 400, "The user is not valid")),
    USER_EXISTS(new Spec("user_exists", 409, "A user of this name exists"));

    private final Spec spec;

    AccessError(Spec spec) {
        this.spec = spec;
    }

    @Override
    public Spec spec() {
        return spec;
    }
}
