package org.kioskops.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * Envelope shared by every message a device publishes.
 *
 * <p>{@code seq} increases by one with every message the device creates, across reconnects and restarts,
 * so that the hub can tell a lost message (a gap) from a redelivered one (a duplicate). {@code ts} is the
 * device's clock when the message was created; it is kept as reported, never replaced by receipt time.
 */
public sealed interface DeviceMessage permits Birth, Status, TelemetryBatch, EventBatch, Heartbeat, ConfigState, CommandResult, UpdateStatus {
    /** Current contract version written by senders of this library. */
    String VERSION = "1.5";

    /** Contract version, {@code major.minor}; receivers reject an unknown major and ignore the minor. */
    String v();

    /** The sending device's id; equal to the id in the topic. */
    String deviceId();

    /** Per-device sequence number, from 0, increasing by one per message. */
    long seq();

    /** Device time at which the message was created. */
    Instant ts();

    /** The kind, which decides the topic, QoS and retain flag. */
    @JsonIgnore
    MessageKind kind();

    /** The topic this message is published on. */
    default String topic() {
        return Topics.topic(deviceId(), kind());
    }
}
