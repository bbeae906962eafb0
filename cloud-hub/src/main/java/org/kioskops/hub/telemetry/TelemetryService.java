package org.kioskops.hub.telemetry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.kioskops.hub.device.Device;
import org.kioskops.hub.device.DeviceError;
import org.kioskops.hub.error.HubException;
import org.kioskops.hub.site.SiteError;
import org.kioskops.hub.site.SiteNode;

/** Reads time series of a device or of a site subtree from the configured {@link TelemetryStore}. */
@ApplicationScoped
public class TelemetryService {
    /** Most buckets one series may have. */
    public static final int MAX_POINTS = 5000;
    static final Duration DEFAULT_RANGE = Duration.ofHours(24);
    private static final List<Duration> NICE_STEPS = List.of(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1));

    @Inject
    TelemetryStore store;

    @Inject
    Clock clock;

    /** The parameters of a query as the API received them; null means default. */
    public record Query(String metrics, String from, String to, String step, String agg) {
    }

    @Transactional
    public List<Series> device(String deviceId, Query query) {
        if (Device.findById(deviceId) == null) {
            throw new HubException(DeviceError.DEVICE_NOT_FOUND, "no device '" + deviceId + "'");
        }
        return run(List.of(deviceId), null, query);
    }

    @Transactional
    public List<Series> site(String siteId, Query query) {
        SiteNode site = SiteNode.findById(siteId);
        if (site == null) {
            throw new HubException(SiteError.SITE_NOT_FOUND, "no site '" + siteId + "'");
        }
        List<String> devices = Device.<Device>find("siteId in (select n.id from SiteNode n where n.path like ?1)", site.path + "%")
                .stream().map(d -> d.id).toList();
        if (devices.isEmpty()) {
            return List.of();
        }
        return run(devices, new SeriesRequest.SiteTag(site.kind.wire(), site.id), query);
    }

    private List<Series> run(List<String> devices, SeriesRequest.SiteTag site, Query query) {
        List<Metric> metrics = metrics(query.metrics());
        Instant to = query.to() == null ? clock.instant() : instant("to", query.to());
        Instant from = query.from() == null ? to.minus(DEFAULT_RANGE) : instant("from", query.from());
        if (!from.isBefore(to)) {
            throw invalid("from must be before to");
        }
        Duration range = Duration.between(from, to);
        Duration step = query.step() == null ? autoStep(range) : duration(query.step());
        if (step.getSeconds() < 1) {
            throw invalid("step must be at least 1s");
        }
        if (range.getSeconds() / step.getSeconds() > MAX_POINTS) {
            throw invalid("from..to with step " + query.step() + " makes more than " + MAX_POINTS + " buckets; use a larger step");
        }
        Aggregation agg = query.agg() == null ? Aggregation.MEAN : Aggregation.fromWire(query.agg())
                .orElseThrow(() -> invalid("agg must be mean, min, max, last or count"));
        if (site != null && step.getSeconds() < 60 && range.compareTo(Duration.ofHours(1)) > 0) {
            throw invalid("site aggregates with a step under 1m cover at most 1h; use step=1m or more");
        }
        try {
            return store.query(new SeriesRequest(devices, site, metrics, from, to, step, agg));
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        } catch (TelemetryStoreException e) {
            throw new HubException(e.retryable() ? TelemetryError.STORE_UNAVAILABLE : TelemetryError.INVALID_QUERY, e.getMessage());
        }
    }

    /** About 300 buckets over the range, rounded up to a step people read easily. */
    static Duration autoStep(Duration range) {
        Duration wanted = range.dividedBy(300);
        for (Duration step : NICE_STEPS) {
            if (step.compareTo(wanted) >= 0) {
                return step;
            }
        }
        return Duration.ofDays(Math.max(1, wanted.toDays() + 1));
    }

    private static List<Metric> metrics(String list) {
        if (list == null || list.isBlank()) {
            throw invalid("metric is required, one or more of " + names());
        }
        List<Metric> metrics = new ArrayList<>();
        for (String name : list.split(",")) {
            metrics.add(Metric.fromWire(name.trim()).orElseThrow(() -> invalid("unknown metric '" + name.trim() + "'; known: " + names())));
        }
        return metrics;
    }

    private static String names() {
        return String.join(", ", Arrays.stream(Metric.values()).map(Metric::wire).toList());
    }

    /** Parses an API time parameter, answering 400 with the parameter's name when it is not ISO-8601. */
    public static Instant parseTime(String name, String value) {
        return instant(name, value);
    }

    static Instant instant(String name, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(name + " must be an ISO-8601 time with offset, such as 2026-11-28T00:00:00Z");
        }
    }

    /** {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}, or ISO-8601 ({@code PT5M}). */
    static Duration duration(String value) {
        String v = value.trim();
        try {
            if (v.startsWith("P") || v.startsWith("p")) {
                return Duration.parse(v);
            }
            long amount = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw invalid("step unit must be s, m, h or d");
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw invalid("step must be like 30s, 5m, 1h or 1d");
        }
    }

    private static HubException invalid(String detail) {
        return new HubException(TelemetryError.INVALID_QUERY, detail);
    }
}
