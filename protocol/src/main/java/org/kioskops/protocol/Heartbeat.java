package org.kioskops.protocol;

import java.time.Instant;

/**
 * Sent by a device that has published nothing else for its MQTT keep-alive interval, so that the hub can
 * tell a live box from one that is silent although its connection still looks open (a hung agent, a
 * half-open TCP connection the broker has not noticed yet). {@code session} is the connection it belongs to.
 */
public record Heartbeat(
        String v,
        String deviceId,
        long seq,
        Instant ts,
        long session) implements DeviceMessage {

    @Override
    public MessageKind kind() {
        return MessageKind.HEARTBEAT;
    }
}
