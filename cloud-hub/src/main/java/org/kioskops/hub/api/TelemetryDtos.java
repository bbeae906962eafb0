package org.kioskops.hub.api;

import java.time.Instant;
import java.util.List;
import org.kioskops.hub.telemetry.Series;

/** Response bodies of the telemetry query API. */
public final class TelemetryDtos {
    private TelemetryDtos() {
    }

    /**
     * One metric over time.
     *
     * @param source where the values came from: {@code raw}, {@code 1m} or {@code 1h} rollups, or {@code influx}
     */
    public record SeriesDto(String metric, String unit, String agg, String source, List<PointDto> points) {
        static SeriesDto of(Series s) {
            return new SeriesDto(s.metric().wire(), s.metric().unit(), s.aggregation().wire(), s.source(),
                    s.points().stream().map(p -> new PointDto(p.t(), p.value())).toList());
        }
    }

    /** The value of the bucket starting at {@code t}. */
    public record PointDto(Instant t, double v) {
    }

    /** A health-station measurement: personal data. */
    public record HealthMeasurementDto(Instant measuredAt, String kind, double value, String unit, String source, long seq) {
    }
}
