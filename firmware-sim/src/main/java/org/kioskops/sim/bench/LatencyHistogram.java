package org.kioskops.sim.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cumulative buckets of a Prometheus histogram, as scraped from {@code /q/metrics}; the difference of
 * two scrapes gives the quantiles of what happened in between.
 */
final class LatencyHistogram {
    private static final Pattern BUCKET = Pattern.compile("^(\\w+)_bucket\\{([^}]*)}\\s+([0-9.eE+-]+)$");
    private final TreeMap<Double, Double> cumulative;

    private LatencyHistogram(TreeMap<Double, Double> cumulative) {
        this.cumulative = cumulative;
    }

    static LatencyHistogram parse(String exposition, String metric) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (String line : exposition.split("\n")) {
            Matcher m = BUCKET.matcher(line.trim());
            if (m.matches() && m.group(1).equals(metric)) {
                Matcher le = Pattern.compile("le=\"([^\"]+)\"").matcher(m.group(2));
                if (le.find()) {
                    double bound = le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
                    buckets.merge(bound, Double.parseDouble(m.group(3)), Double::sum);
                }
            }
        }
        return new LatencyHistogram(buckets);
    }

    /** What was recorded after {@code earlier}. */
    LatencyHistogram minus(LatencyHistogram earlier) {
        TreeMap<Double, Double> delta = new TreeMap<>();
        cumulative.forEach((bound, count) -> delta.put(bound, count - earlier.cumulative.getOrDefault(bound, 0.0)));
        return new LatencyHistogram(delta);
    }

    double count() {
        return cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
    }

    /** The upper bound of the bucket holding quantile {@code q}, in the metric's unit; NaN when empty. */
    double quantile(double q) {
        double total = count();
        if (total <= 0) {
            return Double.NaN;
        }
        List<Double> bounds = new ArrayList<>(cumulative.keySet());
        for (Double bound : bounds) {
            if (cumulative.get(bound) >= q * total) {
                return bound;
            }
        }
        return Double.POSITIVE_INFINITY;
    }
}
