package org.kioskops.agent.config;

/**
 * When the agent reports.
 *
 * @param intervalSeconds        seconds between telemetry samples, one batch per sample
 * @param eventFlushMillis       events within this many milliseconds of the first go out in one batch
 */
public record TelemetrySettings(Integer intervalSeconds, Integer eventFlushMillis) {
    public TelemetrySettings {
        intervalSeconds = intervalSeconds == null ? 30 : intervalSeconds;
        eventFlushMillis = eventFlushMillis == null ? 100 : eventFlushMillis;
    }

    /** Every default. */
    public static TelemetrySettings defaults() {
        return new TelemetrySettings(null, null);
    }

    void validate(ConfigErrors errors) {
        errors.range("telemetry.intervalSeconds", intervalSeconds, 1, 3600);
        errors.range("telemetry.eventFlushMillis", eventFlushMillis, 0, 10_000);
    }
}
