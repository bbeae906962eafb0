package org.kioskops.agent.hardware.sim;

import org.kioskops.agent.hardware.ScreenMonitor;
import org.kioskops.protocol.Inventory;
import org.kioskops.protocol.ScreenState;
import org.kioskops.protocol.TelemetrySample;

/** A screen whose state the simulation sets. */
public final class SimulatedScreen implements ScreenMonitor {
    private volatile ScreenState state = ScreenState.ON;
    private volatile int brightness = 80;

    @Override
    public Inventory.Screen describe() {
        return new Inventory.Screen("simulated 32in touch", 32.0);
    }

    @Override
    public TelemetrySample.ScreenReading read() {
        ScreenState current = state;
        return new TelemetrySample.ScreenReading(current, current == ScreenState.ON ? brightness : null);
    }

    public ScreenState state() {
        return state;
    }

    public void setState(ScreenState state) {
        this.state = state;
    }

    @Override
    public boolean setPower(boolean on) {
        state = on ? ScreenState.ON : ScreenState.OFF;
        return true;
    }

    public void setBrightness(int percent) {
        this.brightness = Math.max(0, Math.min(100, percent));
    }
}
