package org.kioskops.protocol;

import java.util.Optional;

/**
 * The kinds of message a device publishes, each on its own topic level, with the QoS and retain flag the
 * contract prescribes for it.
 */
public enum MessageKind {
    /** Who the device is and what it is made of; retained, so the broker alone tells a device's make-up. */
    BIRTH("birth", 1, true, Birth.class),
    /** Online or offline; retained; the offline form is also the MQTT will. */
    STATUS("status", 1, true, Status.class),
    /** Periodic readings, in batches. */
    TELEMETRY("telemetry", 1, false, TelemetryBatch.class),
    /** Things that happened (door opened, parcel collected, fault raised...), in batches. */
    EVENTS("events", 1, false, EventBatch.class),
    /** Proof of life when nothing else was sent for a keep-alive interval (since 1.1). */
    HEARTBEAT("heartbeat", 1, false, Heartbeat.class),
    /** Whether the device applied or rejected its desired configuration (since 1.2). */
    CONFIG_STATE("config-state", 1, false, ConfigState.class),
    /** Answers to a command: delivered, then succeeded or failed; or expired (since 1.2). */
    COMMAND_RESULT("command-result", 1, false, CommandResult.class),
    /** Progress of a software update: every step, and how it ended (since 1.4). */
    UPDATE_STATUS("update-status", 1, false, UpdateStatus.class);

    private final String segment;
    private final int qos;
    private final boolean retained;
    private final Class<? extends DeviceMessage> type;

    MessageKind(String segment, int qos, boolean retained, Class<? extends DeviceMessage> type) {
        this.segment = segment;
        this.qos = qos;
        this.retained = retained;
        this.type = type;
    }

    /** The last topic level, for example {@code telemetry}. */
    public String segment() {
        return segment;
    }

    /** The MQTT QoS the sender must use. */
    public int qos() {
        return qos;
    }

    /** Whether the sender must set the retain flag. */
    public boolean retained() {
        return retained;
    }

    /** The payload record this kind carries. */
    public Class<? extends DeviceMessage> type() {
        return type;
    }

    /** The kind whose topic level is {@code segment}, if any. */
    public static Optional<MessageKind> ofSegment(String segment) {
        for (MessageKind kind : values()) {
            if (kind.segment.equals(segment)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
