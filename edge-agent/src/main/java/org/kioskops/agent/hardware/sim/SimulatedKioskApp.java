package org.kioskops.agent.hardware.sim;

import java.time.Clock;
import java.util.function.Consumer;
import org.kioskops.agent.hardware.EventSource;
import org.kioskops.protocol.DeviceEvent;
import org.kioskops.protocol.EventType;

/** The kiosk's touch-screen application and fault reporting, driven by the simulation. */
public final class SimulatedKioskApp implements EventSource {
    private final Clock clock;
    private volatile Consumer<DeviceEvent> sink;
    private long sessions;

    public SimulatedKioskApp(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void onEvent(Consumer<DeviceEvent> sink) {
        this.sink = sink;
    }

    /** A resident starts using the screen; returns the session id. */
    public synchronized String startSession() {
        String id = "s-" + (++sessions);
        emit(DeviceEvent.session(clock.instant(), EventType.SESSION_STARTED, id));
        return id;
    }

    public void endSession(String id) {
        emit(DeviceEvent.session(clock.instant(), EventType.SESSION_ENDED, id));
    }

    public void raiseFault(String component, String code, String detail) {
        emit(DeviceEvent.fault(clock.instant(), EventType.FAULT_RAISED, component, code, detail));
    }

    public void clearFault(String component, String code) {
        emit(DeviceEvent.fault(clock.instant(), EventType.FAULT_CLEARED, component, code, null));
    }

    private void emit(DeviceEvent event) {
        Consumer<DeviceEvent> current = sink;
        if (current != null) {
            current.accept(event);
        }
    }
}
