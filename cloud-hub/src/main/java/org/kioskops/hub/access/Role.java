package org.kioskops.hub.access;

/** What a user may do; each role includes what the roles below it may. */
public enum Role {
    /** Reads everything. */
    VIEWER,
    /** Reads, and acts on the alerts of the organisation it belongs to (acknowledge, assign, resolve, comment). */
    CONTRACTOR,
    /** Runs the fleet: registry, settings, commands, alerts, releases and campaigns. */
    OPERATOR,
    /** Also manages users and tokens. */
    ADMIN
}
