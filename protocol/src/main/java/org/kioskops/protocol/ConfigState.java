package org.kioskops.protocol;

import java.time.Instant;

/**
 * A device's answer to a {@link DesiredConfig} (contract 1.2): it applied {@code version}, or rejected it
 * with a reason and kept {@code active}, the version still in force (null: none received yet, the local
 * configuration file alone).
 */
public record ConfigState(
        String v,
        String deviceId,
        long seq,
        Instant ts,
        String version,
        Outcome outcome,
        String reason,
        String active) implements DeviceMessage {

    @Override
    public MessageKind kind() {
        return MessageKind.CONFIG_STATE;
    }

    /** Whether the device now runs the version. */
    public enum Outcome implements WireEnum {
        APPLIED("applied"),
        REJECTED("rejected");

        private final String wire;

        Outcome(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }
    }
}
