package org.kioskops.protocol;

/** What the hub can ask a device to do (contract 1.2). */
public enum CommandName implements WireEnum {
    /** Reboot the box; the device answers before it goes down. */
    REBOOT("reboot"),
    /** Restart the agent (through its service manager). */
    RESTART_AGENT("restart_agent"),
    /** Switch the screen on. */
    SCREEN_ON("screen_on"),
    /** Switch the screen off. */
    SCREEN_OFF("screen_off"),
    /** Release the lock of one compartment; requires {@code bank}, {@code compartment} and a {@code reason}. */
    UNLOCK("unlock"),
    /** Collect what an engineer needs to diagnose the box, answered in the result's {@code data}. */
    DIAGNOSTICS("diagnostics"),
    /** Capture the screen. */
    SCREENSHOT("screenshot");

    private final String wire;

    CommandName(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
