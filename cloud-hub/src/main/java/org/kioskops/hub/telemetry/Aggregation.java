package org.kioskops.hub.telemetry;

import java.util.Locale;
import java.util.Optional;

/** How the samples of one time bucket become one value. */
public enum Aggregation {
    MEAN, MIN, MAX, LAST, COUNT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Aggregation> fromWire(String wire) {
        for (Aggregation a : values()) {
            if (a.wire().equals(wire)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
