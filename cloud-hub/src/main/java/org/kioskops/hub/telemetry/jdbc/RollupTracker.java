package org.kioskops.hub.telemetry.jdbc;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.kioskops.hub.telemetry.TelemetryPoint;

/**
 * Which minutes of which devices received samples since the last rollup run. Fed after each ingest
 * commit, drained by {@link RollupJob}; late samples (replay after an outage) mark old minutes too.
 */
@ApplicationScoped
public class RollupTracker {
    private final ConcurrentHashMap<String, long[]> touched = new ConcurrentHashMap<>();

    /** Records the minutes of committed samples. */
    void touched(List<TelemetryPoint> points) {
        for (TelemetryPoint p : points) {
            long minute = Math.floorDiv(p.ts().getEpochSecond(), 60) * 60;
            mark(p.deviceId(), minute, minute);
        }
    }

    /** Marks a device's minutes from {@code from} to {@code to} (inclusive) for recomputation. */
    void mark(String deviceId, long fromMinute, long toMinute) {
        touched.merge(deviceId, new long[] {fromMinute, toMinute},
                (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
    }

    /** Takes the marks made so far; marks made meanwhile stay for the next run. */
    Map<String, Range> drain() {
        Map<String, Range> drained = new HashMap<>();
        for (String device : touched.keySet()) {
            long[] range = touched.remove(device);
            if (range != null) {
                drained.put(device, new Range(Instant.ofEpochSecond(range[0]), Instant.ofEpochSecond(range[1])));
            }
        }
        return drained;
    }

    /** Minutes [first, last] of one device to recompute. */
    record Range(Instant firstMinute, Instant lastMinute) {
    }
}
