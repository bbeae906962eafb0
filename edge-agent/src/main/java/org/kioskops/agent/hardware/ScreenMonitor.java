package org.kioskops.agent.hardware;

import java.util.Optional;
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

    /**
     * Asks to be told at once when the screen's state changes, for monitors that learn of it (a simulated
     * screen); the agent also reads every monitor a few times per keep-alive and reports a change it finds.
     * One listener at a time; null stops telling.
     */
    default void watch(Runnable onChange) {
    }

    /** A PNG image of what the screen shows now; empty when this box cannot capture it. */
    default Optional<byte[]> capture() {
        return Optional.empty();
    }
}
