package org.kioskops.agent.config;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.kioskops.protocol.HealthDeviceKind;
import org.kioskops.protocol.HealthKind;
import org.kioskops.protocol.Inventory;
import org.kioskops.protocol.Limits;
import org.kioskops.protocol.Topics;
import org.kioskops.protocol.WireEnum;

/**
 * Which adapter serves each part of the box. {@code sim} adapters generate plausible behaviour without
 * hardware (development, demos); {@code none} declares a part absent.
 *
 * @param system      {@code linux} (reads /proc and /sys) or {@code sim}
 * @param screen      {@code sysfs} (DRM connector and backlight under /sys), {@code sim} or {@code none}
 * @param sysfsRoot   directory that holds {@code proc/} and {@code sys/}; {@code /} on a real box
 * @param lockers     locker banks and their adapter
 * @param health      {@code local} (the kiosk's health application posts checks to the agent's local
 *                    endpoint), {@code sim} or {@code none}
 * @param peripherals other peripherals announced in the birth message
 * @param healthDevices for {@code local}: the measuring devices the health application may report for
 */
public record HardwareSettings(
        Driver system,
        Driver screen,
        String sysfsRoot,
        LockerSettings lockers,
        Driver health,
        List<PeripheralSettings> peripherals,
        List<HealthDeviceSettings> healthDevices) {

    public HardwareSettings(Driver system, Driver screen, String sysfsRoot, LockerSettings lockers, Driver health,
                            List<PeripheralSettings> peripherals) {
        this(system, screen, sysfsRoot, lockers, health, peripherals, null);
    }

    public HardwareSettings {
        system = system == null ? Driver.LINUX : system;
        screen = screen == null ? Driver.SYSFS : screen;
        sysfsRoot = sysfsRoot == null ? "/" : sysfsRoot;
        lockers = lockers == null ? new LockerSettings(null, null) : lockers;
        health = health == null ? Driver.NONE : health;
        peripherals = peripherals == null ? List.of() : List.copyOf(peripherals);
        healthDevices = healthDevices == null ? List.of() : List.copyOf(healthDevices);
    }

    /** Every default: Linux vitals, sysfs screen, no lockers, no health station. */
    public static HardwareSettings defaults() {
        return new HardwareSettings(null, null, null, null, null, null, null);
    }

    void validate(ConfigErrors errors) {
        if (system != Driver.LINUX && system != Driver.SIM) {
            errors.add("hardware.system", "must be linux or sim", system);
        }
        if (screen != Driver.SYSFS && screen != Driver.SIM && screen != Driver.NONE) {
            errors.add("hardware.screen", "must be sysfs, sim or none", screen);
        }
        if (health != Driver.LOCAL && health != Driver.SIM && health != Driver.NONE) {
            errors.add("hardware.health", "must be local, sim or none", health);
        }
        if (health == Driver.LOCAL && healthDevices.isEmpty()) {
            errors.add("hardware.healthDevices", "lists the measuring devices when hardware.health is local", null);
        }
        Set<String> healthIds = new HashSet<>();
        for (int i = 0; i < healthDevices.size(); i++) {
            HealthDeviceSettings d = healthDevices.get(i);
            if (d.id() == null || !Topics.isValidDeviceId(d.id()) || !healthIds.add(d.id())) {
                errors.add("hardware.healthDevices[" + i + "].id", "must be a unique id of letters, digits, '.', '_', '-'", d.id());
            }
            if (d.port() != null && (!d.port().startsWith("/dev/") || d.fields().isEmpty())) {
                errors.add("hardware.healthDevices[" + i + "].port", "a serial device under /dev, with fields mapping its output to health kinds",
                        d.port());
            }
            for (var f : d.fields().entrySet()) {
                if (WireEnum.fromWire(HealthKind.class, f.getValue()).isEmpty()) {
                    errors.add("hardware.healthDevices[" + i + "].fields." + f.getKey(), "one of "
                            + Arrays.stream(HealthKind.values()).map(k -> k.wire()).toList(), f.getValue());
                }
            }
            if (d.kind() == null) {
                errors.add("hardware.healthDevices[" + i + "].kind", "is required: "
                        + Arrays.stream(HealthDeviceKind.values()).map(k -> k.wire()).toList(), null);
            }
        }
        lockers.validate(errors);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < peripherals.size(); i++) {
            PeripheralSettings p = peripherals.get(i);
            String key = "hardware.peripherals[" + i + "]";
            if (p.id() == null || !Topics.isValidDeviceId(p.id()) || !ids.add(p.id())) {
                errors.add(key + ".id", "must be a unique id of letters, digits, '.', '_', '-'", p.id());
            }
            if (p.type() == null || p.type().isBlank()) {
                errors.add(key + ".type", "is required, for example receipt_printer", p.type());
            }
        }
    }

    /** Adapter choices. */
    public enum Driver {
        LINUX, SYSFS, PI4J, SERIAL, SIM, LOCAL, NONE
    }

    /**
     * A measuring device of the health station.
     *
     * @param kind   {@code blood_pressure_monitor}, {@code scale}, {@code thermometer}, {@code pulse_oximeter},
     *               {@code glucose_meter}, {@code height_gauge} or {@code other}
     * @param model  the model, announced in the birth message
     * @param port   optional: the serial device the measuring device prints its results on; without it the
     *               health application posts its checks
     * @param baud   its speed in bit/s (default 9600)
     * @param fields for {@code port}: the device's field names mapped to the contract's health kinds, such as
     *               {@code SYS: blood_pressure_systolic}
     */
    public record HealthDeviceSettings(String id, HealthDeviceKind kind, String model, String port, Integer baud,
                                       Map<String, String> fields) {
        public HealthDeviceSettings {
            baud = baud == null ? 9600 : baud;
            fields = fields == null ? Map.of() : Map.copyOf(fields);
        }
    }

    /** A peripheral announced in the birth message. */
    public record PeripheralSettings(String id, String type, String model) {
    }

    /**
     * Locker banks.
     *
     * @param driver {@code pi4j} (door sensors on GPIO), {@code sim} or {@code none}
     */
    public record LockerSettings(Driver driver, List<BankSettings> banks) {
        public LockerSettings {
            driver = driver == null ? Driver.NONE : driver;
            banks = banks == null ? List.of() : List.copyOf(banks);
        }

        void validate(ConfigErrors errors) {
            if (driver != Driver.PI4J && driver != Driver.SERIAL && driver != Driver.SIM && driver != Driver.NONE) {
                errors.add("hardware.lockers.driver", "must be pi4j, serial, sim or none", driver);
            }
            if (banks.size() > Limits.MAX_LOCKER_BANKS) {
                errors.add("hardware.lockers.banks", "at most " + Limits.MAX_LOCKER_BANKS + " banks", banks.size());
            }
            Set<String> ids = new HashSet<>();
            Set<Integer> pins = new HashSet<>();
            for (int i = 0; i < banks.size(); i++) {
                String key = "hardware.lockers.banks[" + i + "]";
                BankSettings bank = banks.get(i);
                bank.validate(errors, key, driver, ids);
                if (driver == Driver.PI4J) {
                    // one line wired to two sensors (or claimed twice) would report one door as another's
                    List<Integer> taken = Stream.of(bank.doorPins(), bank.occupancyPins(), bank.lockPins())
                            .flatMap(List::stream).filter(pin -> pin != null && !pins.add(pin)).toList();
                    if (!taken.isEmpty()) {
                        errors.add(key, "GPIO pins used twice", taken);
                    }
                }
            }
        }
    }

    /**
     * One locker bank.
     *
     * @param doorPins      for {@code pi4j}: the BCM GPIO pin of each compartment's door sensor, compartment 1 first
     * @param occupancyPins for {@code pi4j}: the BCM GPIO pin of each compartment's parcel presence sensor
     * @param activeHigh    for {@code pi4j}: whether a high level means "door open" / "parcel present" (default true)
     * @param lockPins      for {@code pi4j}, optional: the BCM GPIO output driving each compartment's lock release
     *                      (high releases), compartment 1 first; without it the bank cannot be unlocked remotely
     * @param unlockPulseMillis how long a lock release is driven, in milliseconds (50 to 5000, default 500)
     * @param port          for {@code serial}: the controller board's serial device, such as {@code /dev/ttyUSB0}
     * @param baud          for {@code serial}: its speed in bit/s (default 9600; 8 data bits, no parity, 1 stop bit)
     */
    public record BankSettings(
            String id,
            Integer compartments,
            String model,
            List<Integer> doorPins,
            List<Integer> occupancyPins,
            Boolean activeHigh,
            List<Integer> lockPins,
            Integer unlockPulseMillis,
            String port,
            Integer baud) {

        private static final Set<Integer> BAUDS = Set.of(1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200);

        public BankSettings(String id, Integer compartments, String model, List<Integer> doorPins, List<Integer> occupancyPins,
                            Boolean activeHigh) {
            this(id, compartments, model, doorPins, occupancyPins, activeHigh, null, null, null, null);
        }

        public BankSettings(String id, Integer compartments, String model, List<Integer> doorPins, List<Integer> occupancyPins,
                            Boolean activeHigh, List<Integer> lockPins, Integer unlockPulseMillis) {
            this(id, compartments, model, doorPins, occupancyPins, activeHigh, lockPins, unlockPulseMillis, null, null);
        }

        public BankSettings {
            doorPins = doorPins == null ? List.of() : List.copyOf(doorPins);
            occupancyPins = occupancyPins == null ? List.of() : List.copyOf(occupancyPins);
            activeHigh = activeHigh == null ? Boolean.TRUE : activeHigh;
            lockPins = lockPins == null ? List.of() : List.copyOf(lockPins);
            unlockPulseMillis = unlockPulseMillis == null ? 500 : unlockPulseMillis;
            baud = baud == null ? 9600 : baud;
        }

        /** The bank as the birth message announces it. */
        public Inventory.LockerBank inventory() {
            return new Inventory.LockerBank(id, compartments, model);
        }

        void validate(ConfigErrors errors, String key, Driver driver, Set<String> ids) {
            if (id == null || !Topics.isValidDeviceId(id) || !ids.add(id)) {
                errors.add(key + ".id", "must be a unique id of letters, digits, '.', '_', '-'", id);
            }
            errors.range(key + ".compartments", compartments, 1, Limits.MAX_COMPARTMENTS_PER_BANK);
            if (driver == Driver.PI4J && compartments != null && doorPins.size() != compartments) {
                errors.add(key + ".doorPins", "needs one GPIO pin per compartment (" + compartments + ")", doorPins.size());
            }
            if (driver == Driver.PI4J && compartments != null && occupancyPins.size() != compartments) {
                errors.add(key + ".occupancyPins", "needs one GPIO pin per compartment (" + compartments + ")",
                        occupancyPins.size());
            }
            if (doorPins.stream().anyMatch(pin -> pin == null || pin < 0 || pin > 53)) {
                errors.add(key + ".doorPins", "BCM pins are 0 to 53", doorPins);
            }
            if (occupancyPins.stream().anyMatch(pin -> pin == null || pin < 0 || pin > 53)) {
                errors.add(key + ".occupancyPins", "BCM pins are 0 to 53", occupancyPins);
            }
            if (!lockPins.isEmpty() && compartments != null && lockPins.size() != compartments) {
                errors.add(key + ".lockPins", "needs one GPIO output per compartment (" + compartments + ") or none", lockPins.size());
            }
            if (lockPins.stream().anyMatch(pin -> pin == null || pin < 0 || pin > 53)) {
                errors.add(key + ".lockPins", "BCM pins are 0 to 53", lockPins);
            }
            errors.range(key + ".unlockPulseMillis", unlockPulseMillis, 50, 5000);
            if (driver == Driver.SERIAL && (port == null || !port.startsWith("/dev/"))) {
                errors.add(key + ".port", "the controller board's serial device under /dev, such as /dev/ttyUSB0", port);
            }
            if (!BAUDS.contains(baud)) {
                errors.add(key + ".baud", "one of " + new TreeSet<>(BAUDS), baud);
            }
        }
    }
}
