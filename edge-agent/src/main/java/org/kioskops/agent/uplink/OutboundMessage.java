package org.kioskops.agent.uplink;

import org.kioskops.protocol.DeviceMessage;

/**
 * An encoded message ready for the broker: topic, payload, QoS and retain flag, plus the sequence number
 * it carries, kept for logs and statistics.
 */
public record OutboundMessage(String topic, byte[] payload, int qos, boolean retained, long seq, byte[] correlationData) {
    public OutboundMessage(String topic, byte[] payload, int qos, boolean retained, long seq) {
        this(topic, payload, qos, retained, seq, null);
    }

    /** The same message carrying MQTT 5 correlation data, as the answer to a request. */
    public OutboundMessage withCorrelation(byte[] data) {
        return new OutboundMessage(topic, payload, qos, retained, seq, data);
    }

    /** The same message with another retain flag. */
    public OutboundMessage withRetained(boolean retain) {
        return new OutboundMessage(topic, payload, qos, retain, seq, correlationData);
    }

    /** Wraps an encoded contract message with the QoS and retain flag its kind prescribes. */
    public static OutboundMessage of(DeviceMessage message, byte[] payload) {
        return new OutboundMessage(message.topic(), payload, message.kind().qos(), message.kind().retained(), message.seq());
    }
}
