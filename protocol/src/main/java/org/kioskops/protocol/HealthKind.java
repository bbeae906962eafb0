package org.kioskops.protocol;

/** Kinds of health-station measurement, each with the one unit it must be reported in. */
public enum HealthKind implements WireEnum {
    BLOOD_PRESSURE_SYSTOLIC("blood_pressure_systolic", "mmHg", 20, 300),
    BLOOD_PRESSURE_DIASTOLIC("blood_pressure_diastolic", "mmHg", 10, 250),
    HEART_RATE("heart_rate", "bpm", 20, 300),
    BODY_TEMPERATURE("body_temperature", "degC", 25, 45),
    WEIGHT("weight", "kg", 1, 500),
    HEIGHT("height", "cm", 30, 260),
    BMI("bmi", "kg/m2", 5, 100),
    BLOOD_OXYGEN("blood_oxygen", "%", 30, 100),
    BLOOD_GLUCOSE("blood_glucose", "mmol/L", 0.5, 50);

    private final String wire;
    private final String unit;
    private final double min;
    private final double max;

    HealthKind(String wire, String unit, double min, double max) {
        this.wire = wire;
        this.unit = unit;
        this.min = min;
        this.max = max;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The unit readings of this kind must carry. */
    public String unit() {
        return unit;
    }

    /** Smallest plausible value; a smaller one is rejected as a sensor or transcription fault. */
    public double min() {
        return min;
    }

    /** Largest plausible value. */
    public double max() {
        return max;
    }
}
