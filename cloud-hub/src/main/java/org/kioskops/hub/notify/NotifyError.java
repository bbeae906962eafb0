package org.kioskops.hub.notify;

import org.kioskops.hub.error.ErrorCode;

/** Errors of the notification API. */
public enum NotifyError implements ErrorCode {
    ROUTE_NOT_FOUND(new Spec("route_not_found", 404, "No such notification route")),
    NOTIFICATION_NOT_FOUND(new Spec("notification_not_found", 404, "No such notification")),
    INVALID_ROUTE(new Spec("invalid_route", 400, "The notification route is not valid"));

    private final Spec spec;

    NotifyError(Spec spec) {
        this.spec = spec;
    }

    @Override
    public Spec spec() {
        return spec;
    }
}
