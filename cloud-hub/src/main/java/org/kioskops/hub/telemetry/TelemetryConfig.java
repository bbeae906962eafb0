package org.kioskops.hub.telemetry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Where time series go and how long everything is kept. */
@ConfigMapping(prefix = "kioskops.telemetry")
public interface TelemetryConfig {
    /** {@code jdbc}: the hub's database (H2 or PostgreSQL); {@code influx}: an InfluxDB 2 server. */
    @WithDefault("jdbc")
    StoreKind store();

    /** How often the 1-minute and 1-hour rollups of new samples are computed (JDBC store). */
    @WithDefault("60s")
    Duration rollupEvery();

    Retention retention();

    Influx influx();

    /** How long each kind of data is kept; older data is deleted hourly. */
    interface Retention {
        /** Raw telemetry samples. */
        @WithDefault("P7D")
        Duration raw();

        /** 1-minute rollups. */
        @WithDefault("P31D")
        Duration minute();

        /** 1-hour rollups. */
        @WithDefault("P730D")
        Duration hour();

        /** Device events. */
        @WithDefault("P365D")
        Duration events();

        /** Health-station measurements (personal data: keep no longer than needed). */
        @WithDefault("P90D")
        Duration health();
    }

    /** The InfluxDB 2 server, for {@code kioskops.telemetry.store=influx}. */
    interface Influx {
        @WithDefault("http://127.0.0.1:8086")
        String url();

        @WithDefault("kioskops")
        String org();

        @WithDefault("kioskops")
        String bucket();

        /** API token with write and read access to the bucket. */
        Optional<String> token();

        /** Time allowed for one write or query. */
        @WithDefault("10s")
        Duration timeout();
    }

    /** Telemetry store adapters. */
    enum StoreKind {
        JDBC, INFLUX
    }
}
