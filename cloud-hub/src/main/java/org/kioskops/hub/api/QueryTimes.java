package org.kioskops.hub.api;

import java.time.Instant;
import org.kioskops.hub.telemetry.TelemetryService;

/** Optional time parameters of API queries. */
final class QueryTimes {
    private QueryTimes() {
    }

    /** The instant in query parameter {@code name}, or null when absent; a bad value is the caller's error. */
    static Instant optional(String name, String value) {
        return value == null ? null : TelemetryService.parseTime(name, value);
    }
}
