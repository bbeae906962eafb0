package org.kioskops.agent.uplink;

import org.kioskops.protocol.DeviceMessage;

/**
 * An encoded message ready for the broker: topic, payload, QoS and retain flag, plus the sequence number
 * it carries, kept for logs and statistics.
 */
public record OutboundMessage(String topic, byte[] payload, int qos, boolean retained, long seq) {
    /** Wraps an encoded contract message with the QoS and retain flag its kind prescribes. */
    public static OutboundMessage of(DeviceMessage message, byte[] payload) {
        return new OutboundMessage(message.topic(), payload, message.kind().qos(), message.kind().retained(), message.seq());
    }
}
