package org.kioskops.hub.site;

import java.util.Locale;
import java.util.Optional;

/** Levels of the site hierarchy, top-down: a node's parent is always exactly one level up. */
public enum SiteKind {
    CITY, DISTRICT, STREET, COMMUNITY, SITE;

    /** The kind a parent of this kind must have; empty for a city, which has no parent. */
    public Optional<SiteKind> parentKind() {
        return ordinal() == 0 ? Optional.empty() : Optional.of(values()[ordinal() - 1]);
    }

    /** The lower-case name used in the API. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code wire}, if any. */
    public static Optional<SiteKind> fromWire(String wire) {
        for (SiteKind kind : values()) {
            if (kind.wire().equals(wire)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
