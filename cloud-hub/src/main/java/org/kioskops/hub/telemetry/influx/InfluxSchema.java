package org.kioskops.hub.telemetry.influx;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kioskops.hub.telemetry.Metric;
import org.kioskops.hub.telemetry.SeriesRequest;
import org.kioskops.hub.telemetry.TelemetryPoint;

/**
 * The InfluxDB schema of KioskOps telemetry (documented in docs/telemetry.md):
 * <ul>
 *   <li>measurement {@code kiosk}: tags {@code device}, {@code site}, {@code community}, {@code street},
 *       {@code district}, {@code city}; one field per {@link Metric} present in the sample; time = the
 *       sample's device time, in milliseconds;</li>
 *   <li>measurement {@code locker_bank}: the same tags plus {@code component} ({@code locker:A}); fields
 *       {@code occupied}, {@code total}, {@code doors_open}.</li>
 * </ul>
 * Tags are bounded by the fleet: one value per device, site node and locker bank. The sequence number is
 * not a tag: a redelivered sample has the same series and time and simply overwrites itself.
 */
final class InfluxSchema {
    static final String KIOSK = "kiosk";
    static final String LOCKER_BANK = "locker_bank";
    static final List<String> PLACE_TAGS = List.of("site", "community", "street", "district", "city");

    private InfluxSchema() {
    }

    static List<Point> points(TelemetryPoint p) {
        List<Point> points = new ArrayList<>(1 + p.banks().size());
        Point kiosk = tagged(Point.measurement(KIOSK), p);
        p.values().forEach((metric, value) -> kiosk.addField(metric.wire(), value));
        if (kiosk.hasFields()) {
            points.add(kiosk);
        }
        for (TelemetryPoint.BankPoint bank : p.banks()) {
            points.add(tagged(Point.measurement(LOCKER_BANK), p)
                    .addTag("component", "locker:" + bank.bank())
                    .addField("occupied", bank.occupied())
                    .addField("total", bank.total())
                    .addField("doors_open", bank.doorsOpen()));
        }
        return points;
    }

    private static Point tagged(Point point, TelemetryPoint p) {
        point.addTag("device", p.deviceId());
        for (String tag : PLACE_TAGS) {
            String value = p.place().get(tag);
            if (value != null) {
                point.addTag(tag, value);
            }
        }
        return point.time(p.ts().toEpochMilli(), WritePrecision.MS);
    }

    /**
     * The Flux query for one metric. A device's series is one aggregateWindow; a site's first aggregates
     * each device's series per window, then combines the devices (mean or sum, as the metric says).
     */
    static String flux(String bucket, SeriesRequest request, Metric metric) {
        String every = request.step().getSeconds() + "s";
        String fn = switch (request.aggregation()) {
            case MEAN -> "mean";
            case MIN -> "min";
            case MAX -> "max";
            case LAST -> "last";
            case COUNT -> "count";
        };
        StringBuilder flux = new StringBuilder()
                .append("from(bucket: ").append(quote(bucket)).append(")\n")
                .append("  |> range(start: ").append(DateTimeFormatter.ISO_INSTANT.format(request.from()))
                .append(", stop: ").append(DateTimeFormatter.ISO_INSTANT.format(request.to())).append(")\n")
                .append("  |> filter(fn: (r) => r._measurement == ").append(quote(KIOSK))
                .append(" and r._field == ").append(quote(metric.wire()));
        if (request.isSite()) {
            flux.append(" and r.").append(request.site().kind()).append(" == ").append(quote(request.site().id())).append(")\n")
                    .append("  |> aggregateWindow(every: ").append(every).append(", fn: ").append(fn)
                    .append(", createEmpty: false, timeSrc: \"_start\")\n")
                    .append("  |> group(columns: [\"_field\"])\n");
            String combine = request.aggregation().name().equals("COUNT") || metric.siteAggregation() != Metric.SiteAggregation.MEAN
                    ? "sum" : switch (request.aggregation()) {
                        case MIN -> "min";
                        case MAX -> "max";
                        default -> "mean";
                    };
            flux.append("  |> aggregateWindow(every: ").append(every).append(", fn: ").append(combine)
                    .append(", createEmpty: false, timeSrc: \"_start\")\n");
        } else {
            flux.append(" and r.device == ").append(quote(request.deviceIds().get(0))).append(")\n")
                    .append("  |> aggregateWindow(every: ").append(every).append(", fn: ").append(fn)
                    .append(", createEmpty: false, timeSrc: \"_start\")\n");
        }
        return flux.append("  |> yield(name: ").append(quote(fn)).append(")").toString();
    }

    /** A Flux string literal; ids are restricted to [A-Za-z0-9._-] but quoting stays safe regardless. */
    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static Map<String, String> noPlace() {
        return Map.of();
    }
}
