package org.kioskops.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The ingest counters take whatever a device's clock says without failing the batch that carried it. */
class IngestMetricsTest {
    private static final Instant STORED = Instant.parse("2026-12-03T09:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IngestMetrics metrics = new IngestMetrics(registry);

    private Timer latency() {
        return registry.get("kioskops.ingest.latency").timer();
    }

    @Test
    void a_message_created_two_seconds_before_it_was_stored_took_two_seconds() {
        metrics.latency(STORED.minusSeconds(2), STORED);

        assertThat(latency().count()).isEqualTo(1);
        assertThat(latency().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2000.0);
    }

    @Test
    void a_clock_centuries_off_or_in_the_future_is_not_latency_and_does_not_overflow() {
        metrics.latency(Instant.parse("0001-01-01T00:00:00Z"), STORED);
        metrics.latency(Instant.parse("-999999999-01-01T00:00:00Z"), STORED);
        metrics.latency(Instant.parse("+999999999-12-31T23:59:59Z"), STORED);
        metrics.latency(STORED.plusSeconds(5), STORED);

        assertThat(latency().count()).isZero();
    }
}
