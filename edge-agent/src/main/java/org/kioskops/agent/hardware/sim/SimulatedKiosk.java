package org.kioskops.agent.hardware.sim;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.kioskops.agent.hardware.Hardware;
import org.kioskops.protocol.Inventory;

/**
 * All simulated parts of one kiosk: screen, locker banks, health station, touch-screen application and
 * vitals. The simulator drives them; the agent reads them through the same ports as real hardware.
 */
public final class SimulatedKiosk {
    private final SimulatedSystem system;
    private final SimulatedScreen screen = new SimulatedScreen();
    private final List<SimulatedLockerBank> banks = new ArrayList<>();
    private final SimulatedHealthStation health;
    private final SimulatedKioskApp app;
    private final SimulatedControl control;

    /**
     * @param compartmentsPerBank compartments of each bank; banks are named A, B, C...
     * @param withHealthStation   whether this box has a health-check station
     */
    public SimulatedKiosk(Clock clock, Random random, List<Integer> compartmentsPerBank, boolean withHealthStation) {
        this.system = new SimulatedSystem(clock, random, clock.instant().minusSeconds(60 + random.nextInt(86_400)));
        for (int i = 0; i < compartmentsPerBank.size(); i++) {
            banks.add(new SimulatedLockerBank(String.valueOf((char) ('A' + i)), compartmentsPerBank.get(i), clock));
        }
        this.health = withHealthStation ? new SimulatedHealthStation(clock, random) : null;
        this.app = new SimulatedKioskApp(clock);
        this.control = new SimulatedControl(system);
    }

    /** The ports the agent reads. */
    public Hardware hardware() {
        return new Hardware(system, Optional.of(screen), List.copyOf(banks), Optional.ofNullable(health),
                List.of(new Inventory.Peripheral("printer-1", "receipt_printer", "simulated")), List.of(app), Optional.of(control));
    }

    /** Reboots and agent restarts the hub asked for: counted; a reboot starts the uptime again. */
    public SimulatedControl control() {
        return control;
    }

    public SimulatedSystem system() {
        return system;
    }

    public SimulatedScreen screen() {
        return screen;
    }

    public List<SimulatedLockerBank> banks() {
        return List.copyOf(banks);
    }

    public Optional<SimulatedHealthStation> health() {
        return Optional.ofNullable(health);
    }

    public SimulatedKioskApp app() {
        return app;
    }
}
