package org.kioskops.hub.command;

/** Where a command stands. Only the device's answer makes a command delivered. */
public enum CommandState {
    /** Waiting for its device to be online, or sent and not yet confirmed by the device. */
    QUEUED,
    /** The device has it. */
    DELIVERED,
    SUCCEEDED,
    FAILED,
    /** Not delivered before its expiry, or refused by the device because it arrived too late. */
    EXPIRED,
    /** Withdrawn by an operator before it was sent. */
    CANCELLED
}
