package org.kioskops.protocol;

import java.time.Instant;

/**
 * Retained connection status. The agent publishes {@code online} after every connect and {@code offline}
 * with reason {@code shutdown} or {@code restart} before a clean disconnect; the broker publishes the
 * {@code offline}/{@code connection_lost} form, registered as the MQTT will, when the connection dies.
 * The will's {@code seq} equals {@code session}: the number reserved for it when the connection started.
 */
public record Status(
        String v,
        String deviceId,
        long seq,
        Instant ts,
        long session,
        ConnectionState state,
        StatusReason reason) implements DeviceMessage {

    @Override
    public MessageKind kind() {
        return MessageKind.STATUS;
    }

    /** Whether the device says it is connected. */
    public enum ConnectionState implements WireEnum {
        ONLINE("online"),
        OFFLINE("offline");

        private final String wire;

        ConnectionState(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }
    }

    /** Why a device went offline; absent when online. */
    public enum StatusReason implements WireEnum {
        /** The agent stopped cleanly (service stopped, box shutting down). */
        SHUTDOWN("shutdown"),
        /** The agent is restarting (update, config change, operator command). */
        RESTART("restart"),
        /** The connection died without a clean disconnect: sent by the broker as the will. */
        CONNECTION_LOST("connection_lost");

        private final String wire;

        StatusReason(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }
    }
}
