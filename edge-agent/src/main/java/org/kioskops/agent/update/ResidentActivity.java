package org.kioskops.agent.update;

import java.util.Optional;
import org.kioskops.agent.hardware.Hardware;
import org.kioskops.agent.hardware.LockerBank;
import org.kioskops.protocol.TelemetrySample;

/**
 * Whether a resident is using the box now: a locker door stands open (a parcel going in or out) or the health
 * station is measuring. An install waits for neither to be the case: a restart must never cut a pickup or a
 * blood-pressure reading short.
 */
final class ResidentActivity {
    private ResidentActivity() {
    }

    /** What is in progress, for the report; empty when the box is idle. */
    static Optional<String> inProgress(Hardware hardware) {
        for (LockerBank bank : hardware.lockerBanks()) {
            try {
                for (TelemetrySample.CompartmentReading c : bank.read()) {
                    if (c.doorOpen()) {
                        return Optional.of("locker transaction at bank " + bank.describe().id() + " compartment " + c.no());
                    }
                }
            } catch (RuntimeException e) {
                // a bank that does not answer has no transaction we could cut short
            }
        }
        if (hardware.healthStation().map(h -> h.measuring()).orElse(false)) {
            return Optional.of("health measurement in progress");
        }
        return Optional.empty();
    }
}
