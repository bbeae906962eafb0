package org.kioskops.hub.device;

import java.util.Optional;

/**
 * Why a device went offline. The first three are what the device or its broker said at the time; the hub
 * adds {@link #SILENT} when a device stops sending although its connection still looks open, and refines
 * the cause when the device comes back and tells how its last run ended and when it booted.
 */
public enum OfflineCause {
    /** The agent stopped cleanly (service stopped). */
    SHUTDOWN("shutdown"),
    /** The agent stopped cleanly to restart (update, configuration, command). */
    RESTART("restart"),
    /** The connection died; the broker published the will. Also: a network outage, if nothing else is learned. */
    CONNECTION_LOST("connection_lost"),
    /** Nothing arrived for 1.5 keep-alives plus a margin while the connection still looked open. */
    SILENT("silent"),
    /** The box rebooted: it booted again, and its agent had stopped cleanly before. */
    REBOOT("reboot"),
    /** The box lost power or was reset: it booted again, and its agent never got to stop. */
    POWER_LOSS("power_loss"),
    /** The agent crashed or was killed: it started again on the same boot without having stopped. */
    AGENT_CRASH("agent_crash");

    private final String wire;

    OfflineCause(String wire) {
        this.wire = wire;
    }

    /** The name used in the API and the database. */
    public String wire() {
        return wire;
    }

    public static Optional<OfflineCause> ofWire(String wire) {
        for (OfflineCause cause : values()) {
            if (cause.wire.equals(wire)) {
                return Optional.of(cause);
            }
        }
        return Optional.empty();
    }
}
