package org.kioskops.agent;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.kioskops.agent.hardware.Hardware;
import org.kioskops.agent.hardware.LockerBank;
import org.kioskops.protocol.TelemetrySample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every part of the box into one sample. A part that fails to read is left out of the sample and
 * counted; it never stops the others from being reported.
 */
final class TelemetryCollector {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryCollector.class);

    private final String deviceId;
    private final Hardware hardware;
    private final Clock clock;
    private final AgentStats stats;

    TelemetryCollector(String deviceId, Hardware hardware, Clock clock, AgentStats stats) {
        this.deviceId = deviceId;
        this.hardware = hardware;
        this.clock = clock;
        this.stats = stats;
    }

    TelemetrySample collect() {
        Long uptime = read("uptime", () -> hardware.system().uptimeSeconds());
        TelemetrySample.ScreenReading screen = hardware.screen().map(s -> read("screen", s::read)).orElse(null);
        List<TelemetrySample.LockerBankReading> lockers = new ArrayList<>();
        for (LockerBank bank : hardware.lockerBanks()) {
            List<TelemetrySample.CompartmentReading> compartments = read("locker " + bank.describe().id(), bank::read);
            if (compartments != null) {
                lockers.add(new TelemetrySample.LockerBankReading(bank.describe().id(), compartments));
            }
        }
        List<TelemetrySample.HealthReading> health = hardware.healthStation()
                .map(h -> read("health station", h::drainReadings)).orElse(null);
        TelemetrySample.SystemReading system = read("system", () -> hardware.system().read());
        return new TelemetrySample(clock.instant(), uptime, screen, lockers, health, system);
    }

    private <T> T read(String part, Supplier<T> reader) {
        try {
            return reader.get();
        } catch (RuntimeException e) {
            stats.collectorErrors.increment();
            LOG.warn("{} cannot read {}: {}", deviceId, part, e.toString());
            return null;
        }
    }
}
