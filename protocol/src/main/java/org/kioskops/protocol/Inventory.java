package org.kioskops.protocol;

import java.util.List;

/**
 * The components a kiosk is built from. A null {@code screen} means the box has no screen; empty lists
 * mean no locker, health-station device or other peripheral.
 */
public record Inventory(
        Screen screen,
        List<LockerBank> lockerBanks,
        List<HealthDevice> healthDevices,
        List<Peripheral> peripherals) {

    public Inventory {
        lockerBanks = lockerBanks == null ? List.of() : List.copyOf(lockerBanks);
        healthDevices = healthDevices == null ? List.of() : List.copyOf(healthDevices);
        peripherals = peripherals == null ? List.of() : List.copyOf(peripherals);
    }

    /** The kiosk's touch screen; {@code model} and {@code sizeInches} may be null. */
    public record Screen(String model, Double sizeInches) {
    }

    /** A bank of parcel-locker compartments, numbered 1 to {@code compartments}. */
    public record LockerBank(String id, int compartments, String model) {
    }

    /** A device of the health-check station. */
    public record HealthDevice(String id, HealthDeviceKind kind, String model) {
    }

    /** Any other peripheral (receipt printer, card reader, bank terminal, camera...). */
    public record Peripheral(String id, String type, String model) {
    }
}
