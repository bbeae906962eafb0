package org.kioskops.hub.api;

import jakarta.ws.rs.core.HttpHeaders;

/**
 * Who an API request acts for, as recorded in the audit log. Until the API authenticates its users
 * (users and roles come with the dashboard), the caller names itself in {@code X-KioskOps-Actor}.
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
