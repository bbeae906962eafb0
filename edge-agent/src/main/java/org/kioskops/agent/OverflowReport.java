package org.kioskops.agent;

import java.time.Clock;
import java.util.Optional;
import org.kioskops.protocol.DeviceEvent;
import org.kioskops.protocol.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the hub when the outbox starts dropping (a fault on component {@code agent}, code
 * {@code outbox_overflow}) and, once the backlog is down to half the outbox and the box is connected, how
 * many were lost in all. The sequence numbers of dropped messages show at the hub as a gap; this says why.
 */
final class OverflowReport {
    private static final Logger LOG = LoggerFactory.getLogger(OverflowReport.class);

    private final String deviceId;
    private final int capacity;
    private final Clock clock;
    private long reported;
    private boolean raised;

    /** @param dropped the outbox's drop count at start: drops before it were reported by an earlier run */
    OverflowReport(String deviceId, int capacity, long dropped, Clock clock) {
        this.deviceId = deviceId;
        this.capacity = capacity;
        this.reported = dropped;
        this.clock = clock;
    }

    /** The fault event to send after a message was queued, if the overflow started or ended. */
    Optional<DeviceEvent> check(long dropped, int backlog, boolean connected) {
        if (!raised && dropped > reported) {
            raised = true;
            LOG.warn("{} outbox full ({} messages): dropping the oldest", deviceId, backlog);
            return Optional.of(DeviceEvent.fault(clock.instant(), EventType.FAULT_RAISED, "agent", "outbox_overflow",
                    "outbox full at " + backlog + " messages: dropping the oldest (" + (dropped - reported) + " so far)"));
        }
        if (raised && connected && backlog <= capacity / 2) {
            raised = false;
            long lost = dropped - reported;
            reported = dropped;
            LOG.warn("{} outbox dropped {} messages while full", deviceId, lost);
            return Optional.of(DeviceEvent.fault(clock.instant(), EventType.FAULT_CLEARED, "agent", "outbox_overflow",
                    "dropped " + lost + " oldest messages while the outbox was full; " + dropped + " since install"));
        }
        return Optional.empty();
    }
}
