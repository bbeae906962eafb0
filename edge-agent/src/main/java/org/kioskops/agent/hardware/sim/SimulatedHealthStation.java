package org.kioskops.agent.hardware.sim;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.kioskops.agent.hardware.HealthStation;
import org.kioskops.protocol.DeviceEvent;
import org.kioskops.protocol.HealthDeviceKind;
import org.kioskops.protocol.HealthKind;
import org.kioskops.protocol.Inventory;
import org.kioskops.protocol.TelemetrySample;

/** A blood-pressure monitor and a scale that produce plausible adult readings when a resident uses them. */
public final class SimulatedHealthStation implements HealthStation {
    public static final String BP = "bp-1";
    public static final String SCALE = "scale-1";

    private final Clock clock;
    private final Random random;
    private final List<TelemetrySample.HealthReading> pending = new ArrayList<>();
    private volatile Consumer<DeviceEvent> sink;
    private volatile boolean measuring;

    public SimulatedHealthStation(Clock clock, Random random) {
        this.clock = clock;
        this.random = random;
    }

    @Override
    public void onEvent(Consumer<DeviceEvent> sink) {
        this.sink = sink;
    }

    @Override
    public List<Inventory.HealthDevice> describe() {
        return List.of(new Inventory.HealthDevice(BP, HealthDeviceKind.BLOOD_PRESSURE_MONITOR, "simulated BP"),
                new Inventory.HealthDevice(SCALE, HealthDeviceKind.SCALE, "simulated scale"));
    }

    @Override
    public synchronized List<TelemetrySample.HealthReading> drainReadings() {
        List<TelemetrySample.HealthReading> drained = List.copyOf(pending);
        pending.clear();
        return drained;
    }

    @Override
    public boolean measuring() {
        return measuring;
    }

    /** A resident sits down and the cuff starts inflating (until {@link #checkUp()} ends the measurement). */
    public void beginMeasurement() {
        measuring = true;
    }

    /** A resident measures blood pressure, heart rate and weight. */
    public synchronized void checkUp() {
        Instant now = clock.instant();
        double systolic = clamp(125 + random.nextGaussian() * 15, 90, 190);
        double diastolic = clamp(systolic * 0.65 + random.nextGaussian() * 6, 55, 120);
        add(BP, HealthKind.BLOOD_PRESSURE_SYSTOLIC, systolic, now);
        add(BP, HealthKind.BLOOD_PRESSURE_DIASTOLIC, diastolic, now);
        add(BP, HealthKind.HEART_RATE, clamp(72 + random.nextGaussian() * 10, 45, 140), now);
        add(SCALE, HealthKind.WEIGHT, clamp(65 + random.nextGaussian() * 12, 35, 140), now);
        measuring = false;
        Consumer<DeviceEvent> current = sink;
        if (current != null) {
            current.accept(DeviceEvent.healthCheckDone(now, BP));
        }
    }

    private void add(String device, HealthKind kind, double value, Instant at) {
        pending.add(new TelemetrySample.HealthReading(device, kind, Math.round(value * 10) / 10.0, kind.unit(), at));
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
