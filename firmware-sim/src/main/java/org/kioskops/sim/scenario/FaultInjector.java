package org.kioskops.sim.scenario;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.kioskops.agent.hardware.sim.SimulatedLockerBank;
import org.kioskops.protocol.time.ScaledClock;
import org.kioskops.sim.SimulatedFleet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Injects a scenario's faults into a running fleet at their times on the fleet's clock (scheduled in real
 * time, shorter by the clock's speed), and remembers when each kiosk's first fault began on that clock,
 * which is what an expectation's {@code within} counts from.
 */
final class FaultInjector {
    private static final Logger LOG = LoggerFactory.getLogger(FaultInjector.class);

    private final SimulatedFleet fleet;
    private final ScheduledExecutorService scheduler;
    private final IntFunction<String> deviceId;
    private final Map<Integer, Instant> firstFault = new ConcurrentHashMap<>();
    private final AtomicInteger injected = new AtomicInteger();
    private final Clock clock;

    FaultInjector(SimulatedFleet fleet, ScheduledExecutorService scheduler, IntFunction<String> deviceId, Clock clock) {
        this.fleet = fleet;
        this.scheduler = scheduler;
        this.deviceId = deviceId;
        this.clock = clock;
    }

    /** Real milliseconds until {@code simulated} has passed on the fleet's clock. */
    private long real(Duration simulated) {
        return ScaledClock.realOf(clock, simulated).toMillis();
    }

    void schedule(Scenario.Fault fault) {
        scheduler.schedule(() -> {
            for (int kiosk : fault.kiosks()) {
                try {
                    firstFault.putIfAbsent(kiosk, clock.instant());
                    inject(fault, kiosk, deviceId.apply(kiosk));
                } catch (RuntimeException e) {
                    LOG.warn("fault {} (line {}) on kiosk {} could not be injected: {}", fault.kind().wire(), fault.line(), kiosk, e.toString());
                }
            }
            injected.incrementAndGet();
        }, real(fault.at()), TimeUnit.MILLISECONDS);
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
                long every = real(f.every());
                for (int i = 0; i < f.times(); i++) {
                    long at = i * every;
                    scheduler.schedule(() -> bank.openDoor(f.compartment()), at, TimeUnit.MILLISECONDS);
                    scheduler.schedule(() -> bank.closeDoor(f.compartment()), at + every / 2, TimeUnit.MILLISECONDS);
                }
            }
            case REBOOT_LOOP -> {
                long every = real(f.every());
                // the box comes back a real second later (sooner if the next round is near), and goes down again
                long down = Math.min(1000, every / 2);
                for (int i = 0; i < f.times(); i++) {
                    long at = i * every;
                    scheduler.schedule(() -> fleet.kill(id), at, TimeUnit.MILLISECONDS);
                    scheduler.schedule(() -> fleet.restart(id), at + down, TimeUnit.MILLISECONDS);
                }
            }
            case CLOCK_SKEW -> fleet.restart(id, clock instanceof ScaledClock scaled ? scaled.offset(f.skew()) : Clock.offset(clock, f.skew()));
        }
    }

    private void later(Scenario.Fault f, Runnable recovery) {
        if (f.lasts() != null) {
            scheduler.schedule(recovery, real(f.lasts()), TimeUnit.MILLISECONDS);
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
