package org.kioskops.protocol;

import java.time.Instant;
import java.util.List;

/**
 * The state of a kiosk at one instant. Every part but {@code ts} is optional: a sample carries what the
 * device could read. {@code lockers} lists banks with all their compartments (a full snapshot, so that a
 * lost message never leaves a stale compartment behind); {@code health} carries readings measured since
 * the previous sample.
 */
public record TelemetrySample(
        Instant ts,
        Long uptimeSeconds,
        ScreenReading screen,
        List<LockerBankReading> lockers,
        List<HealthReading> health,
        SystemReading system) {

    public TelemetrySample {
        lockers = lockers == null ? List.of() : List.copyOf(lockers);
        health = health == null ? List.of() : List.copyOf(health);
    }

    /** Screen state and backlight brightness in percent (null when unknown). */
    public record ScreenReading(ScreenState state, Integer brightness) {
    }

    /** Every compartment of one locker bank. */
    public record LockerBankReading(String bank, List<CompartmentReading> compartments) {
        public LockerBankReading {
            compartments = compartments == null ? List.of() : List.copyOf(compartments);
        }
    }

    /** One compartment: number (from 1), whether a parcel is inside, whether the door is open. */
    public record CompartmentReading(int no, boolean occupied, boolean doorOpen) {
    }

    /** One measurement of the health station, in the kind's canonical unit. */
    public record HealthReading(String device, HealthKind kind, double value, String unit, Instant measuredAt) {
    }

    /**
     * Box vitals; any field may be null when the platform cannot read it.
     *
     * @param netInterface  the interface of the default route, such as {@code eth0} or {@code wlan0} (1.3)
     * @param netUp         whether that interface is up (1.3)
     * @param wifiSignalDbm its Wi-Fi signal level in dBm, when it is a wireless interface (1.3)
     */
    public record SystemReading(
            Double cpuTempC,
            Long memUsedBytes,
            Long memTotalBytes,
            Long diskUsedBytes,
            Long diskTotalBytes,
            String netInterface,
            Boolean netUp,
            Integer wifiSignalDbm) {

        /** Vitals without the network (contract 1.0 to 1.2). */
        public SystemReading(Double cpuTempC, Long memUsedBytes, Long memTotalBytes, Long diskUsedBytes, Long diskTotalBytes) {
            this(cpuTempC, memUsedBytes, memTotalBytes, diskUsedBytes, diskTotalBytes, null, null, null);
        }
    }
}
