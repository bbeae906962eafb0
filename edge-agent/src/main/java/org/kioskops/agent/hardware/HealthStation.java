package org.kioskops.agent.hardware;

import java.util.List;
import org.kioskops.protocol.Inventory;
import org.kioskops.protocol.TelemetrySample;

/** The health-check station's devices and the readings they produced. */
public interface HealthStation extends EventSource {
    /** The station's devices, as the birth message reports them. */
    List<Inventory.HealthDevice> describe();

    /** Readings measured since the previous call, oldest first; each reading is returned once. */
    List<TelemetrySample.HealthReading> drainReadings();

    /**
     * Whether a resident's measurement is under way now (a cuff inflating, someone on the scale), so that
     * nothing restarts the box meanwhile. Stations that cannot tell answer false.
     */
    default boolean measuring() {
        return false;
    }
}
