package org.kioskops.hub.device;

/** A device's connection to the broker, as its birth, status and will messages tell it. */
public enum Connection {
    /** Registered but never heard from. */
    NEVER_SEEN,
    ONLINE,
    OFFLINE
}
