package org.kioskops.agent.hardware;

import java.time.Instant;
import java.util.Optional;
import org.kioskops.protocol.TelemetrySample;

/** The box's vitals: uptime, CPU temperature, memory and disk. */
public interface SystemMetrics {
    /** Current vitals; fields the platform cannot read are null. */
    TelemetrySample.SystemReading read();

    /** Seconds since the operating system booted. */
    long uptimeSeconds();

    /** When the operating system booted, if known. */
    Optional<Instant> bootedAt();
}
