package org.kioskops.protocol;

/** What the kiosk's screen shows, as far as the box can tell. */
public enum ScreenState implements WireEnum {
    /** Connected and lit. */
    ON("on"),
    /** Connected, backlight or panel power off. */
    OFF("off"),
    /** The display output reports no connected or responding panel. */
    NO_SIGNAL("no_signal"),
    /** The box cannot read the screen's state. */
    UNKNOWN("unknown");

    private final String wire;

    ScreenState(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
