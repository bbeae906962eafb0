package org.kioskops.protocol;

import java.time.Instant;

/**
 * Published once per connection, retained, right after connecting: who the device is and which components
 * it has. {@code session} is the sequence number reserved for this connection's will message, so that an
 * offline status can be matched to the connection it belongs to (a late will from an older connection
 * never turns a newer one offline).
 */
public record Birth(
        String v,
        String deviceId,
        long seq,
        Instant ts,
        long session,
        String agentVersion,
        String hardwareModel,
        Instant bootedAt,
        Inventory inventory) implements DeviceMessage {

    @Override
    public MessageKind kind() {
        return MessageKind.BIRTH;
    }
}
