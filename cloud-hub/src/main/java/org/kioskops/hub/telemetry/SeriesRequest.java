package org.kioskops.hub.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A time-series query: the metrics of one device, or of all devices under a site, over [from, to), in
 * buckets of {@code step} combined by {@code aggregation}.
 *
 * @param deviceIds the devices; for a site, every device of its subtree
 * @param site      for a site aggregate (values of all devices combined per bucket), the site's kind and id,
 *                  as in {@link TelemetryPoint#place()}; null for one device
 */
public record SeriesRequest(
        List<String> deviceIds,
        SiteTag site,
        List<Metric> metrics,
        Instant from,
        Instant to,
        Duration step,
        Aggregation aggregation) {

    /** Whether this is a site aggregate. */
    public boolean isSite() {
        return site != null;
    }

    /** A site as a tag: its kind ({@code community}...) and id. */
    public record SiteTag(String kind, String id) {
    }
}
