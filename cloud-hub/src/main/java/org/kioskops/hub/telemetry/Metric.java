package org.kioskops.hub.telemetry;

import java.util.Locale;
import java.util.Optional;

/**
 * The kiosk metrics the hub keeps as time series, one value per telemetry sample. Derived from the
 * contract's sample (see {@link SampleMetrics}); a metric the sample did not carry is absent, never zero.
 * Health-station readings are not here: they are personal data and stored apart.
 */
public enum Metric {
    UPTIME_SECONDS("s", SiteAggregation.MEAN),
    /** 1 when the screen is on, 0 when off or without signal; absent when unknown. */
    SCREEN_ON("1", SiteAggregation.MEAN),
    SCREEN_BRIGHTNESS("%", SiteAggregation.MEAN),
    CPU_TEMP_C("degC", SiteAggregation.MEAN),
    MEM_USED_PCT("%", SiteAggregation.MEAN),
    DISK_USED_PCT("%", SiteAggregation.MEAN),
    /** Compartments holding a parcel, over all banks. */
    LOCKERS_OCCUPIED("1", SiteAggregation.SUM),
    /** Compartments reported, over all banks. */
    LOCKERS_TOTAL("1", SiteAggregation.SUM),
    /** Share of compartments holding a parcel; for a site, occupied over total of all its kiosks. */
    LOCKERS_OCCUPANCY_PCT("%", SiteAggregation.RATIO_OF_LOCKERS),
    /** Compartment doors open. */
    DOORS_OPEN("1", SiteAggregation.SUM),
    /** 1 when the interface of the box's default route is up, 0 when down; absent when unknown. */
    NETWORK_UP("1", SiteAggregation.MEAN),
    /** Wi-Fi signal level of a box on a wireless link. */
    WIFI_SIGNAL_DBM("dBm", SiteAggregation.MEAN);

    private final String unit;
    private final SiteAggregation siteAggregation;

    Metric(String unit, SiteAggregation siteAggregation) {
        this.unit = unit;
        this.siteAggregation = siteAggregation;
    }

    /** Name in the API, in SQL columns and in InfluxDB fields. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String unit() {
        return unit;
    }

    /** How the values of a site's kiosks combine into one value for the site. */
    public SiteAggregation siteAggregation() {
        return siteAggregation;
    }

    public static Optional<Metric> fromWire(String wire) {
        for (Metric m : values()) {
            if (m.wire().equals(wire)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** How per-kiosk values become a site value in a time bucket. */
    public enum SiteAggregation {
        /** The mean over kiosks (temperatures, percentages of each box). */
        MEAN,
        /** The sum over kiosks of each kiosk's value (counts of compartments, doors). */
        SUM,
        /** 100 × sum of occupied / sum of total compartments. */
        RATIO_OF_LOCKERS
    }
}
