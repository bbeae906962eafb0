package org.kioskops.sim;

import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;
import org.kioskops.agent.hardware.sim.SimulatedKiosk;
import org.kioskops.agent.hardware.sim.SimulatedLockerBank;
import org.kioskops.protocol.ScreenState;

/**
 * What happens at a kiosk during a day: couriers deposit parcels in working hours, residents collect them
 * mostly after work, people use the touch screen and the health station during the day, and the screen
 * is on during the site's service hours. One {@link #tick()} advances the kiosk by one step.
 */
final class KioskBehaviour {
    static final LocalTime SERVICE_START = LocalTime.of(7, 0);
    static final LocalTime SERVICE_END = LocalTime.of(22, 0);

    private final SimulatedKiosk kiosk;
    private final Random random;
    private final Clock clock;
    private final ZoneId zone;
    private final double activity;
    private final Totals totals;
    private String openSession;

    /** @param activity expected actions per tick (0.0 to 1.0 and beyond) */
    KioskBehaviour(SimulatedKiosk kiosk, Random random, Clock clock, ZoneId zone, double activity, Totals totals) {
        this.kiosk = kiosk;
        this.random = random;
        this.clock = clock;
        this.zone = zone;
        this.activity = activity;
        this.totals = totals;
    }

    /** Fills a share of compartments before the simulation starts, as on a kiosk already in use. */
    private boolean screenFailed;

    void prefill(double share) {
        for (SimulatedLockerBank bank : kiosk.banks()) {
            for (int no = 1; no <= bank.compartments(); no++) {
                if (random.nextDouble() < share) {
                    bank.deposit(no);
                }
            }
        }
    }

    /** A failed screen shows no signal whatever the time of day, until repaired. */
    synchronized void screenFailed(boolean failed) {
        screenFailed = failed;
        if (failed) {
            kiosk.screen().setState(ScreenState.NO_SIGNAL);
        } else {
            LocalTime now = LocalTime.now(clock.withZone(zone));
            kiosk.screen().setState(!now.isBefore(SERVICE_START) && now.isBefore(SERVICE_END) ? ScreenState.ON : ScreenState.OFF);
        }
    }

    synchronized void tick() {
        LocalTime now = LocalTime.now(clock.withZone(zone));
        boolean inService = !now.isBefore(SERVICE_START) && now.isBefore(SERVICE_END);
        kiosk.screen().setState(screenFailed ? ScreenState.NO_SIGNAL : inService ? ScreenState.ON : ScreenState.OFF);
        if (openSession != null && random.nextDouble() < 0.5) {
            kiosk.app().endSession(openSession);
            openSession = null;
        }
        if (random.nextDouble() >= activity) {
            return;
        }
        double roll = random.nextDouble();
        boolean daytime = now.getHour() >= 8 && now.getHour() < 20;
        if (roll < 0.35) {
            deposit(daytime ? 1.0 : 0.2);
        } else if (roll < 0.7) {
            collect(now.getHour() >= 17 ? 1.0 : 0.5);
        } else if (roll < 0.9) {
            if (openSession == null && inService) {
                openSession = kiosk.app().startSession();
                totals.sessions.increment();
            }
        } else if (inService && kiosk.health().isPresent()) {
            kiosk.health().get().checkUp();
            totals.healthChecks.increment();
        }
    }

    private void deposit(double likelihood) {
        if (random.nextDouble() >= likelihood || kiosk.banks().isEmpty()) {
            return;
        }
        SimulatedLockerBank bank = kiosk.banks().get(random.nextInt(kiosk.banks().size()));
        List<Integer> free = bank.freeCompartments();
        if (!free.isEmpty() && bank.deposit(free.get(random.nextInt(free.size())))) {
            totals.deposits.increment();
        }
    }

    private void collect(double likelihood) {
        if (random.nextDouble() >= likelihood || kiosk.banks().isEmpty()) {
            return;
        }
        SimulatedLockerBank bank = kiosk.banks().get(random.nextInt(kiosk.banks().size()));
        List<Integer> occupied = bank.occupiedCompartments();
        if (!occupied.isEmpty() && bank.collect(occupied.get(random.nextInt(occupied.size())))) {
            totals.collections.increment();
        }
    }

    /** What the whole simulated fleet did. */
    static final class Totals {
        final LongAdder deposits = new LongAdder();
        final LongAdder collections = new LongAdder();
        final LongAdder sessions = new LongAdder();
        final LongAdder healthChecks = new LongAdder();
    }
}
