package org.kioskops.hub.telemetry.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.kioskops.hub.telemetry.Aggregation;
import org.kioskops.hub.telemetry.Series;

/** Combines values (raw samples or rollup rows) into fixed-width time buckets for one metric. */
final class Buckets {
    private final long stepSeconds;
    private final TreeMap<Long, Acc> buckets = new TreeMap<>();

    Buckets(long stepSeconds) {
        this.stepSeconds = stepSeconds;
    }

    private Acc at(Instant t) {
        long key = Math.floorDiv(t.getEpochSecond(), stepSeconds) * stepSeconds;
        return buckets.computeIfAbsent(key, k -> new Acc());
    }

    /** One raw sample. */
    void add(Instant ts, double value) {
        addRollup(ts, 1, value, value, value, ts, value);
    }

    /** One rollup row: {@code samples} values with this mean, extremes and last value. */
    void addRollup(Instant bucket, long samples, double mean, double min, double max, Instant lastTs, double last) {
        Acc acc = at(bucket);
        acc.count += samples;
        acc.sum += mean * samples;
        acc.min = Math.min(acc.min, min);
        acc.max = Math.max(acc.max, max);
        if (acc.lastTs == null || !lastTs.isBefore(acc.lastTs)) {
            acc.lastTs = lastTs;
            acc.last = last;
        }
    }

    List<Series.Point> points(Aggregation aggregation) {
        List<Series.Point> points = new ArrayList<>(buckets.size());
        buckets.forEach((key, acc) -> points.add(new Series.Point(Instant.ofEpochSecond(key), switch (aggregation) {
            case MEAN -> acc.sum / acc.count;
            case MIN -> acc.min;
            case MAX -> acc.max;
            case LAST -> acc.last;
            case COUNT -> acc.count;
        })));
        return points;
    }

    private static final class Acc {
        long count;
        double sum;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        Instant lastTs;
        double last;
    }
}
