package org.kioskops.sim.scenario;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * A scenario for a simulated fleet, as read from a YAML file (docs/simulator.md#scenario-files): the fleet,
 * how residents use it, the faults to inject when, and what the hub must show afterwards.
 *
 * <p>Every time in a scenario is on the hub's clock: with {@code speed} above 1 (a hub started with
 * {@code kioskops.clock.speed} at the same value) a day passes in {@code 24h / speed} of real time.
 *
 * @param speed             simulated seconds per real second; the hub must run at the same speed
 * @param duration          how long the fleet runs after every kiosk is online
 * @param telemetryInterval each kiosk's telemetry interval
 * @param keepAliveSeconds  each kiosk's MQTT keep-alive, which is also how soon the hub notices a hung agent
 */
public record Scenario(
        String name,
        long seed,
        double speed,
        Duration duration,
        Duration telemetryInterval,
        int keepAliveSeconds,
        Usage usage,
        ZoneId zone,
        List<District> districts,
        List<Fault> faults,
        List<Expectation> expectations) {

    /** Kiosks in fleet order; kiosk {@code n} in faults and expectations is the n-th of this list. */
    public int kiosks() {
        return districts.stream().flatMap(d -> d.streets().stream()).flatMap(s -> s.communities().stream())
                .mapToInt(c -> c.sites() * c.kiosksPerSite()).sum();
    }

    /** How residents use the kiosks: a chance of an action (deposit, collection, session, check) per kiosk per tick. */
    public record Usage(double activity, Duration tick) {
    }

    public record District(String name, List<Street> streets) {
    }

    public record Street(String name, List<Community> communities) {
    }

    /** A community with its sites (智慧屋), each with the same kiosks. */
    public record Community(String name, int sites, int kiosksPerSite, List<Integer> lockers, boolean health) {
    }

    /**
     * One fault, injected {@code at} after the start into {@code kiosks} (numbers from 1, in fleet order).
     *
     * @param lasts      for faults that end: how long until the kiosk recovers; null for ever
     * @param compartment for locker faults: bank {@code bank}'s compartment
     * @param times      for repeated faults (flapping sensor, reboot loop): how many times
     * @param every      for repeated faults: the pause between two
     * @param skew       for clock skew: how far the kiosk's clock is ahead (negative: behind)
     */
    public record Fault(int line, Duration at, FaultKind kind, List<Integer> kiosks, Duration lasts, String bank, Integer compartment,
                        int times, Duration every, Duration skew) {
    }

    /** What can go wrong with a kiosk. */
    public enum FaultKind {
        /** The power goes: no goodbye, the broker publishes the will; back after {@code for}, with its outbox. */
        POWER_LOSS,
        /** The box's network goes: its connection is reset and it cannot reach the broker until {@code for} has passed. */
        NETWORK_LOSS,
        /** The broker is unreachable for every kiosk of the fleet (the fault's kiosks are ignored) until {@code for} has passed. */
        BROKER_UNREACHABLE,
        /** The agent hangs: its connection stays up but it sends nothing; only the keep-alive silence shows it. */
        HUNG_AGENT,
        /** The screen shows nothing ({@code no_signal}); back after {@code for}. */
        SCREEN_FAILURE,
        /** A compartment's door jams: the bank reports fault {@code jammed}; cleared after {@code for}. */
        DOOR_JAM,
        /** A door sensor flaps: open and closed {@code times} times, {@code every} apart. */
        FLAPPING_SENSOR,
        /** The box reboots {@code times} times, {@code every} apart: power lost and back each time. */
        REBOOT_LOOP,
        /** The kiosk's clock runs {@code skew} ahead of the hub's from now on (the agent restarts with it). */
        CLOCK_SKEW;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A check of the hub's state after the run, through its REST API.
     *
     * @param kind   {@code alert}: alerts of {@code type} (for {@code kiosk}, or any kiosk of the scenario);
     *               {@code connection}: the kiosk's connection is {@code type} ({@code online}/{@code offline})
     *               at the end; {@code no_sequence_gaps}: no kiosk misses a sequence number
     * @param count  for {@code alert}: exactly this many; null for at least one
     * @param within for {@code alert}: the first opened at most this long after the first fault on that kiosk
     *               (or the start)
     */
    public record Expectation(int line, String kind, String type, Integer kiosk, Integer count, Duration within) {
        /** The expectation as a person would write it. */
        public String describe() {
            return switch (kind) {
                case "alert" -> (count == null ? "at least one" : "exactly " + count) + " '" + type + "' alert"
                        + (count != null && count == 1 || count == null ? "" : "s") + (kiosk == null ? "" : " for kiosk " + kiosk)
                        + (within == null ? "" : ", the first within " + within.toSeconds() + " s");
                case "connection" -> "kiosk " + kiosk + " " + type + " at the end";
                default -> "no sequence gaps on any kiosk";
            };
        }
    }
}
