package org.kioskops.hub.alert;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The alert rules with their threshold: its name in the API, unit, default and allowed range. A threshold set
 * on a device wins over one set on its site or the nearest ancestor, which wins over the default.
 */
public enum Rule {
    /** A registered device offline this long (default: {@code kioskops.alerts.offline-after}). */
    DEVICE_OFFLINE("device_offline", "offline_after_seconds", "s", Double.NaN, 0, 86_400),
    /** The screen off or without signal this long during the site's service hours. */
    SCREEN_DARK("screen_dark", "screen_dark_minutes", "min", 5, 0, 1_440),
    /** A compartment door open this long. */
    DOOR_OPEN("door_open_too_long", "door_open_minutes", "min", 10, 1, 1_440),
    /** Every compartment of a locker bank occupied this long. */
    BANK_FULL("locker_bank_full", "bank_full_minutes", "min", 60, 0, 10_080),
    /** A parcel in its compartment this long. */
    PARCEL_UNCOLLECTED("parcel_uncollected", "parcel_uncollected_hours", "h", 48, 1, 720),
    /** CPU temperature at or above this. */
    CPU_HOT("cpu_hot", "cpu_temp_celsius", "°C", 80, 40, 120),
    /** Disk use at or above this share. */
    DISK_FULL("disk_full", "disk_used_percent", "%", 90, 50, 100),
    /** The agent started this many times or more within the last hour (restarts, crashes, reboots, power cuts). */
    AGENT_RESTARTING("agent_restarting", "restarts_per_hour", "count", 3, 1, 100),
    /** The device's clock this far from the hub's, either way, when it last connected. */
    CLOCK_SKEW("clock_skew", "clock_skew_seconds", "s", 120, 1, 86_400),
    /** A site in service (one of its devices has been seen) with nobody owning a concern, this long. */
    OWNER_MISSING("owner_missing", "owner_missing_minutes", "min", 60, 0, 10_080);

    private final String type;
    private final String threshold;
    private final String unit;
    private final double defaultValue;
    private final double min;
    private final double max;

    Rule(String type, String threshold, String unit, double defaultValue, double min, double max) {
        this.type = type;
        this.threshold = threshold;
        this.unit = unit;
        this.defaultValue = defaultValue;
        this.min = min;
        this.max = max;
    }

    /** The type of the alerts it raises. */
    public String type() {
        return type;
    }

    /** The name of its threshold in the API. */
    public String threshold() {
        return threshold;
    }

    public String unit() {
        return unit;
    }

    /** The built-in default; NaN when it comes from configuration. */
    double defaultValue() {
        return defaultValue;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** A threshold in its unit as a duration, for rules whose threshold is a time. */
    static Duration duration(Rule rule, double value) {
        return switch (rule.unit) {
            case "s" -> Duration.ofMillis(Math.round(value * 1000));
            case "min" -> Duration.ofMillis(Math.round(value * 60_000));
            case "h" -> Duration.ofMillis(Math.round(value * 3_600_000));
            default -> throw new IllegalArgumentException(rule + " has no time threshold");
        };
    }

    public static Optional<Rule> ofThreshold(String name) {
        return Arrays.stream(values()).filter(r -> r.threshold.equals(name)).findFirst();
    }
}
