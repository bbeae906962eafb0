package org.kioskops.hub.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kioskops.protocol.TelemetrySample;

class SampleMetricsTest {
    private static TelemetrySample withSystem(TelemetrySample.SystemReading system) {
        return new TelemetrySample(Instant.parse("2026-11-28T08:00:00Z"), null, null, List.of(), List.of(), system);
    }

    @Test
    void the_network_of_a_box_on_wifi_becomes_network_up_and_signal() {
        var values = SampleMetrics.values(withSystem(new TelemetrySample.SystemReading(null, null, null, null, null, "wlan0", true, -67)));

        assertThat(values).containsEntry(Metric.NETWORK_UP, 1.0).containsEntry(Metric.WIFI_SIGNAL_DBM, -67.0);
    }

    @Test
    void a_box_that_reports_no_network_has_no_network_metrics_rather_than_zero() {
        var values = SampleMetrics.values(withSystem(new TelemetrySample.SystemReading(50.0, null, null, null, null)));

        assertThat(values).containsKey(Metric.CPU_TEMP_C).doesNotContainKeys(Metric.NETWORK_UP, Metric.WIFI_SIGNAL_DBM);
    }
}
