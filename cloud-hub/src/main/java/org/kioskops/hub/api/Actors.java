package org.kioskops.hub.api;

import jakarta.ws.rs.core.HttpHeaders;

/**
 * Who an API request acts for, as recorded in the audit log: the {@code X-KioskOps-Actor} header, which
 * {@link AccessFilter} sets to the authenticated user's name (replacing whatever the caller sent) when users are
 * on, the default. With {@code kioskops.auth.enabled=false} the caller names itself, {@code anonymous} if it does not.
 */
final class Actors {
    static final String HEADER = "X-KioskOps-Actor";

    private Actors() {
    }

    static String of(HttpHeaders headers) {
        String actor = headers == null ? null : headers.getHeaderString(HEADER);
        if (actor == null || actor.isBlank()) {
            return "anonymous";
        }
        String clean = actor.strip().replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 200 ? clean : clean.substring(0, 200);
    }
}
