package org.kioskops.protocol;

/** Kinds of health-station device. */
public enum HealthDeviceKind implements WireEnum {
    BLOOD_PRESSURE_MONITOR("blood_pressure_monitor"),
    SCALE("scale"),
    THERMOMETER("thermometer"),
    PULSE_OXIMETER("pulse_oximeter"),
    GLUCOSE_METER("glucose_meter"),
    HEIGHT_GAUGE("height_gauge"),
    OTHER("other");

    private final String wire;

    HealthDeviceKind(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
