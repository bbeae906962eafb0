package org.kioskops.hub.identity;

/**
 * An account the broker must accept: a device (confined to {@code kioskops/v1/{username}/#}) or the hub
 * (all KioskOps topics).
 */
public record BrokerAccount(String username, String passwordHash, Role role) {
    /** What the account may do. */
    public enum Role {
        DEVICE, HUB
    }
}
