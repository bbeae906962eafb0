package org.kioskops.protocol;

import java.time.Instant;
import java.util.List;

/** One or more telemetry samples, oldest first, sent as one message with one sequence number. */
public record TelemetryBatch(
        String v,
        String deviceId,
        long seq,
        Instant ts,
        List<TelemetrySample> samples) implements DeviceMessage {

    public TelemetryBatch {
        samples = samples == null ? List.of() : List.copyOf(samples);
    }

    @Override
    public MessageKind kind() {
        return MessageKind.TELEMETRY;
    }
}
