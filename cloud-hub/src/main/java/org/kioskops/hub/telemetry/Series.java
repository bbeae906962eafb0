package org.kioskops.hub.telemetry;

import java.time.Instant;
import java.util.List;

/**
 * The answer to a {@link SeriesRequest} for one metric: one point per bucket that had data.
 *
 * @param source where the values came from: {@code raw}, {@code 1m} or {@code 1h} rollups, or {@code influx}
 */
public record Series(Metric metric, Aggregation aggregation, String source, List<Point> points) {

    /** The value of one bucket, starting at {@code t}. */
    public record Point(Instant t, double value) {
    }
}
