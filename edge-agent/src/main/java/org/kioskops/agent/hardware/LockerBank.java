package org.kioskops.agent.hardware;

import java.util.List;
import org.kioskops.protocol.Inventory;
import org.kioskops.protocol.TelemetrySample;

/**
 * One bank of parcel-locker compartments. Reports door and parcel changes as events and gives a full
 * snapshot of every compartment for telemetry.
 */
public interface LockerBank extends EventSource {
    /** Bank id and compartment count, as the birth message reports them. */
    Inventory.LockerBank describe();

    /** Every compartment, numbered from 1. */
    List<TelemetrySample.CompartmentReading> read();

    /**
     * Releases the lock of compartment {@code no} (numbered from 1), so that its door can be opened.
     *
     * @return false when this bank has no lock outputs
     */
    default boolean unlock(int no) {
        return false;
    }
}
