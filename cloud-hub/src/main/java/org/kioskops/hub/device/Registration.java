package org.kioskops.hub.device;

/** Whether the hub accepts a device's data. */
public enum Registration {
    /** Registered by an operator, on a site. */
    REGISTERED,
    /** Appeared on its own; its data is kept, and it waits for an operator to accept or reject it. */
    PENDING,
    /** Refused by an operator; its messages are rejected and counted. */
    REJECTED
}
