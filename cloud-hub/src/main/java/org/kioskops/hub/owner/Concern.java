package org.kioskops.hub.owner;

import java.util.Locale;
import java.util.Optional;

/** What an organisation answers for at a site. */
public enum Concern {
    /** The box itself: power, network, screen, computer, health devices (the hardware maintenance contractor). */
    HARDWARE,
    /** The parcel lockers (the locker operator). */
    LOCKERS,
    /** The premises and the residents' complaints (the community office). */
    COMMUNITY;

    /**
     * The concern of an alert on {@code component}: lockers for a locker component, the named concern for a
     * site's {@code owner:<concern>}, else the hardware.
     */
    public static Concern ofComponent(String component) {
        if (component != null && component.startsWith("owner:")) {
            return ofWire(component.substring("owner:".length())).orElse(HARDWARE);
        }
        return component != null && component.startsWith("locker:") ? LOCKERS : HARDWARE;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Concern> ofWire(String wire) {
        for (Concern c : values()) {
            if (c.wire().equals(wire)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
