package org.kioskops.hub.device;

import java.util.Locale;
import java.util.Optional;

/** Values of the {@code status} filter of the device list. */
public enum DeviceStatusFilter {
    ONLINE, OFFLINE, NEVER_SEEN, PENDING, REJECTED, FAULTY;

    public static Optional<DeviceStatusFilter> fromWire(String wire) {
        for (DeviceStatusFilter f : values()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(wire)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
