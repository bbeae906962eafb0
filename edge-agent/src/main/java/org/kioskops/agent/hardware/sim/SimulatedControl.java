package org.kioskops.agent.hardware.sim;

import java.util.concurrent.atomic.AtomicInteger;
import org.kioskops.agent.hardware.BoxControl;

/** A simulated box's power and service manager: counts reboots and restarts; a reboot starts the uptime again. */
public final class SimulatedControl implements BoxControl {
    private final SimulatedSystem system;
    private final AtomicInteger reboots = new AtomicInteger();
    private final AtomicInteger restarts = new AtomicInteger();

    SimulatedControl(SimulatedSystem system) {
        this.system = system;
    }

    @Override
    public void reboot() {
        reboots.incrementAndGet();
        system.reboot();
    }

    @Override
    public void restartAgent() {
        restarts.incrementAndGet();
    }

    public int reboots() {
        return reboots.get();
    }

    public int restarts() {
        return restarts.get();
    }
}
