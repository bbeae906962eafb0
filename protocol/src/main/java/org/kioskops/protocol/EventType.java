package org.kioskops.protocol;

/** Kinds of device event, with the fields each one requires. */
public enum EventType implements WireEnum {
    /** A compartment door opened; requires {@code bank}, {@code compartment}. */
    DOOR_OPENED("door_opened"),
    /** A compartment door closed; requires {@code bank}, {@code compartment}. */
    DOOR_CLOSED("door_closed"),
    /** A courier put a parcel in; requires {@code bank}, {@code compartment}. */
    PARCEL_DEPOSITED("parcel_deposited"),
    /** A resident took a parcel out; requires {@code bank}, {@code compartment}. */
    PARCEL_COLLECTED("parcel_collected"),
    /** Someone started using the touch screen; requires {@code session}. */
    SESSION_STARTED("session_started"),
    /** The touch-screen session ended (logout or idle timeout); requires {@code session}. */
    SESSION_ENDED("session_ended"),
    /** A health check finished; requires {@code device}. */
    HEALTH_CHECK_DONE("health_check_done"),
    /** A component reports a fault; requires {@code component}, {@code code}. */
    FAULT_RAISED("fault_raised"),
    /** A component's fault is gone; requires {@code component}, {@code code}. */
    FAULT_CLEARED("fault_cleared");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** Whether events of this type concern one locker compartment. */
    public boolean isCompartmentEvent() {
        return this == DOOR_OPENED || this == DOOR_CLOSED || this == PARCEL_DEPOSITED || this == PARCEL_COLLECTED;
    }

    /** Whether events of this type concern a fault. */
    public boolean isFaultEvent() {
        return this == FAULT_RAISED || this == FAULT_CLEARED;
    }

    /** Whether events of this type concern a touch-screen session. */
    public boolean isSessionEvent() {
        return this == SESSION_STARTED || this == SESSION_ENDED;
    }
}
