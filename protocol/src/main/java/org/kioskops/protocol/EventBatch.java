package org.kioskops.protocol;

import java.time.Instant;
import java.util.List;

/** One or more events, oldest first, sent as one message with one sequence number. */
public record EventBatch(
        String v,
        String deviceId,
        long seq,
        Instant ts,
        List<DeviceEvent> events) implements DeviceMessage {

    public EventBatch {
        events = events == null ? List.of() : List.copyOf(events);
    }

    @Override
    public MessageKind kind() {
        return MessageKind.EVENTS;
    }
}
