package org.kioskops.agent.hardware.sim;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.kioskops.agent.hardware.SystemMetrics;
import org.kioskops.protocol.TelemetrySample;

/** Vitals of a simulated 4 GB / 32 GB box whose CPU warms with load. */
public final class SimulatedSystem implements SystemMetrics {
    private static final long MEM_TOTAL = 4L * 1024 * 1024 * 1024;
    private static final long DISK_TOTAL = 32L * 1024 * 1024 * 1024;

    private final Clock clock;
    private final Random random;
    private volatile Instant bootedAt;
    private volatile double cpuTempC = 48;
    private volatile long diskUsed = 6L * 1024 * 1024 * 1024;
    private volatile Double heldCpuTempC;

    public SimulatedSystem(Clock clock, Random random, Instant bootedAt) {
        this.clock = clock;
        this.random = random;
        this.bootedAt = bootedAt;
    }

    @Override
    public synchronized TelemetrySample.SystemReading read() {
        cpuTempC = heldCpuTempC != null ? heldCpuTempC : Math.max(35, Math.min(85, cpuTempC + random.nextGaussian()));
        diskUsed = Math.min(DISK_TOTAL, diskUsed + random.nextInt(64 * 1024));
        long memUsed = (long) (MEM_TOTAL * (0.25 + 0.1 * random.nextDouble()));
        return new TelemetrySample.SystemReading(Math.round(cpuTempC * 10) / 10.0, memUsed, MEM_TOTAL, diskUsed, DISK_TOTAL, "wlan0", true,
                -55 - random.nextInt(20));
    }

    @Override
    public long uptimeSeconds() {
        return Math.max(0, clock.instant().getEpochSecond() - bootedAt.getEpochSecond());
    }

    @Override
    public Optional<Instant> bootedAt() {
        return Optional.of(bootedAt);
    }

    /** Simulates a reboot: uptime starts again from now. */
    public void reboot() {
        bootedAt = clock.instant();
    }

    /** Forces the CPU temperature, for fault scenarios: it drifts from there. */
    public synchronized void setCpuTemperature(double celsius) {
        cpuTempC = celsius;
    }

    /** Holds the CPU at a temperature (a failed fan) until {@link #releaseCpuTemperature()}. */
    public synchronized void holdCpuTemperature(double celsius) {
        heldCpuTempC = celsius;
        cpuTempC = celsius;
    }

    /** Lets the CPU temperature drift again from where it was held. */
    public synchronized void releaseCpuTemperature() {
        heldCpuTempC = null;
    }

    /** Fills the disk to a share of its size, for fault scenarios (it keeps growing slowly from there). */
    public synchronized void fillDisk(double percent) {
        diskUsed = (long) (DISK_TOTAL * Math.max(0, Math.min(100, percent)) / 100);
    }
}
