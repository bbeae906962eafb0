package org.kioskops.protocol;

import java.time.Instant;

/**
 * Published once per connection, retained, right after connecting: who the device is and which components
 * it has. {@code session} is the sequence number reserved for this connection's will message, so that an
 * offline status can be matched to the connection it belongs to (a late will from an older connection
 * never turns a newer one offline). {@code epoch} names the device's current numbering: a device whose
 * sequence numbers restart (storage wiped, box replaced under the same id) announces a new epoch, so the
 * hub starts counting afresh instead of discarding the new messages as duplicates.
 */
public record Birth(
        String v,
        String deviceId,
        long seq,
        Instant ts,
        long session,
        String epoch,
        String agentVersion,
        String hardwareModel,
        Instant bootedAt,
        Inventory inventory) implements DeviceMessage {

    @Override
    public MessageKind kind() {
        return MessageKind.BIRTH;
    }
}
