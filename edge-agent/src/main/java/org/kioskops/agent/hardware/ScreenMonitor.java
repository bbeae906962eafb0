package org.kioskops.agent.hardware;

import org.kioskops.protocol.Inventory;
import org.kioskops.protocol.TelemetrySample;

/** Tells whether the kiosk's screen is showing anything. */
public interface ScreenMonitor {
    /** What the birth message reports about the screen. */
    Inventory.Screen describe();

    /** Current state and brightness; {@code unknown} when it cannot be read. */
    TelemetrySample.ScreenReading read();

    /**
     * Switches the screen's backlight on or off.
     *
     * @return false when this box cannot switch its screen
     */
    default boolean setPower(boolean on) {
        return false;
    }
}
