package org.kioskops.hub.telemetry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One telemetry sample of one device, ready for a {@link TelemetryStore}: the metrics it carried, the
 * device's place in the site tree (for stores that tag by site), and its locker banks.
 *
 * @param seq         sequence number of the message that carried the sample
 * @param sampleIndex position of the sample in its message; (device, seq, sampleIndex) identifies it
 * @param values      metrics present in the sample
 * @param place       site ancestry of the device: keys {@code site}, {@code community}, {@code street},
 *                    {@code district}, {@code city}; empty for a device without a site
 */
public record TelemetryPoint(
        String deviceId,
        long seq,
        int sampleIndex,
        Instant ts,
        Map<Metric, Double> values,
        Map<String, String> place,
        List<BankPoint> banks) {

    /** One locker bank in the sample. */
    public record BankPoint(String bank, int occupied, int total, int doorsOpen) {
    }
}
