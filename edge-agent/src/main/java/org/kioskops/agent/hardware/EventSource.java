package org.kioskops.agent.hardware;

import java.util.function.Consumer;
import org.kioskops.protocol.DeviceEvent;

/** A component that reports events as they happen (doors, parcels, sessions, health checks, faults). */
public interface EventSource {
    /** Registers the one sink events go to; replaces any earlier sink, and null stops reporting. */
    void onEvent(Consumer<DeviceEvent> sink);
}
