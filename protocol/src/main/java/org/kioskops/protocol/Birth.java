package org.kioskops.protocol;

import java.time.Instant;

/**
 * Published once per connection, retained, right after connecting: who the device is and which components
 * it has. {@code session} is the sequence number reserved for this connection's will message, so that an
 * offline status can be matched to the connection it belongs to (a late will from an older connection
 * never turns a newer one offline). {@code epoch} names the device's current numbering: a device whose
 * sequence numbers restart (storage wiped, box replaced under the same id) announces a new epoch, so the
 * hub starts counting afresh instead of discarding the new messages as duplicates.
 *
 * <p>Since 1.1, three optional fields let the hub tell why the device was away: {@code startedAt} (when the
 * agent process started; with {@code bootedAt}, whether the agent or the whole box restarted),
 * {@code lastStop} (whether the previous run of the agent ended cleanly) and {@code keepAliveSeconds} (the
 * connection's MQTT keep-alive, from which the hub derives when a silent device counts as gone).
 *
 * <p>Since 1.5, {@code receipts} asks the hub for a {@link Receipt} of every message it stores, so that the
 * device keeps a message until the hub, not merely the broker, has it.
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
        Inventory inventory,
        Instant startedAt,
        LastStop lastStop,
        Integer keepAliveSeconds,
        Boolean receipts) implements DeviceMessage {

    /** A birth without the 1.1 fields. */
    public Birth(String v, String deviceId, long seq, Instant ts, long session, String epoch, String agentVersion,
                 String hardwareModel, Instant bootedAt, Inventory inventory) {
        this(v, deviceId, seq, ts, session, epoch, agentVersion, hardwareModel, bootedAt, inventory, null, null, null, null);
    }

    /** A birth without the 1.5 request for receipts. */
    public Birth(String v, String deviceId, long seq, Instant ts, long session, String epoch, String agentVersion,
                 String hardwareModel, Instant bootedAt, Inventory inventory, Instant startedAt, LastStop lastStop,
                 Integer keepAliveSeconds) {
        this(v, deviceId, seq, ts, session, epoch, agentVersion, hardwareModel, bootedAt, inventory, startedAt, lastStop,
                keepAliveSeconds, null);
    }

    /** Whether the device asked for receipts (contract 1.5). */
    public boolean wantsReceipts() {
        return Boolean.TRUE.equals(receipts);
    }

    /** How the agent's previous run ended, as it found out at start. */
    public enum LastStop implements WireEnum {
        /** It stopped itself (service stop, restart, box shutdown with the agent stopped first). */
        CLEAN("clean"),
        /** It did not get to stop: killed, crashed, or the box lost power or was reset. */
        UNCLEAN("unclean");

        private final String wire;

        LastStop(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }
    }

    @Override
    public MessageKind kind() {
        return MessageKind.BIRTH;
    }
}
