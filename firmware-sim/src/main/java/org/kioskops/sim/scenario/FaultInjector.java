package org.kioskops.sim.scenario;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.kioskops.agent.hardware.sim.SimulatedLockerBank;
import org.kioskops.sim.SimulatedFleet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Injects a scenario's faults into a running fleet at their times, and remembers when each kiosk's first
 * fault began, which is what an expectation's {@code within} counts from.
 */
final class FaultInjector {
    private static final Logger LOG = LoggerFactory.getLogger(FaultInjector.class);

    private final SimulatedFleet fleet;
    private final ScheduledExecutorService scheduler;
    private final IntFunction<String> deviceId;
    private final Map<Integer, Instant> firstFault = new ConcurrentHashMap<>();
    private final AtomicInteger injected = new AtomicInteger();

    FaultInjector(SimulatedFleet fleet, ScheduledExecutorService scheduler, IntFunction<String> deviceId) {
        this.fleet = fleet;
        this.scheduler = scheduler;
        this.deviceId = deviceId;
    }

    void schedule(Scenario.Fault fault) {
        scheduler.schedule(() -> {
            for (int kiosk : fault.kiosks()) {
                try {
                    firstFault.putIfAbsent(kiosk, Instant.now());
                    inject(fault, kiosk, deviceId.apply(kiosk));
                } catch (RuntimeException e) {
                    LOG.warn("fault {} (line {}) on kiosk {} could not be injected: {}", fault.kind().wire(), fault.line(), kiosk, e.toString());
                }
            }
            injected.incrementAndGet();
        }, fault.at().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void inject(Scenario.Fault f, int kiosk, String id) {
        LOG.info("{} fault {} (line {})", id, f.kind().wire(), f.line());
        switch (f.kind()) {
            case POWER_LOSS -> {
                fleet.kill(id);
                later(f, () -> fleet.restart(id));
            }
            case NETWORK_LOSS, BROKER_UNREACHABLE -> {
                fleet.network(id).cut();
                later(f, () -> fleet.network(id).restore());
            }
            case HUNG_AGENT -> {
                fleet.freeze(id);
                later(f, () -> fleet.restart(id));
            }
            case SCREEN_FAILURE -> {
                fleet.screenFailed(id, true);
                later(f, () -> fleet.screenFailed(id, false));
            }
            case DOOR_JAM -> {
                SimulatedLockerBank bank = bank(id, f);
                bank.raiseFault(f.compartment(), "jammed");
                later(f, () -> bank.clearFault(f.compartment(), "jammed"));
            }
            case FLAPPING_SENSOR -> {
                SimulatedLockerBank bank = bank(id, f);
                for (int i = 0; i < f.times(); i++) {
                    long at = i * f.every().toMillis();
                    scheduler.schedule(() -> bank.openDoor(f.compartment()), at, TimeUnit.MILLISECONDS);
                    scheduler.schedule(() -> bank.closeDoor(f.compartment()), at + f.every().toMillis() / 2, TimeUnit.MILLISECONDS);
                }
            }
            case REBOOT_LOOP -> {
                for (int i = 0; i < f.times(); i++) {
                    long at = i * f.every().toMillis();
                    scheduler.schedule(() -> fleet.kill(id), at, TimeUnit.MILLISECONDS);
                    // the box comes back a second later, and goes down again at the next round
                    scheduler.schedule(() -> fleet.restart(id), at + 1000, TimeUnit.MILLISECONDS);
                }
            }
            case CLOCK_SKEW -> fleet.restart(id, Clock.offset(Clock.systemUTC(), f.skew()));
        }
    }

    private void later(Scenario.Fault f, Runnable recovery) {
        if (f.lasts() != null) {
            scheduler.schedule(recovery, f.lasts().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private SimulatedLockerBank bank(String id, Scenario.Fault f) {
        return fleet.kiosk(id).banks().stream().filter(b -> b.id().equals(f.bank())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("kiosk " + id + " has no locker bank " + f.bank()));
    }

    /** When the first fault on {@code kiosk} began; null if none did. */
    Instant firstFault(int kiosk) {
        return firstFault.get(kiosk);
    }

    int injected() {
        return injected.get();
    }
}
