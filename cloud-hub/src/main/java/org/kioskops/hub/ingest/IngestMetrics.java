package org.kioskops.hub.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The ingest path's counters, exported at {@code /q/metrics}:
 * <ul>
 *   <li>{@code kioskops_ingest_accepted_total{kind}}: messages stored;</li>
 *   <li>{@code kioskops_ingest_rejected_total{reason}}: messages refused, by contract or hub code;</li>
 *   <li>{@code kioskops_ingest_duplicates_total{kind}}: redeliveries recognised and stored once;</li>
 *   <li>{@code kioskops_ingest_cleared_total}: empty retained payloads (an operator clearing a topic);</li>
 *   <li>{@code kioskops_ingest_store_retries_total{cause}}: batches held back and retried after a passing storage failure;</li>
 *   <li>{@code kioskops_ingest_receipts_total{outcome}}: receipts sent to devices, or not sent (the device resends);</li>
 *   <li>{@code kioskops_device_sequence_missing{device}}: numbers currently missing, per device that ever had a gap;</li>
 *   <li>{@code kioskops_device_sequence_gaps_total{device}}: numbers ever found missing, same devices.</li>
 * </ul>
 * Per-device series exist only for devices that had a gap, which keeps their number bounded by trouble,
 * not by fleet size.
 */
@ApplicationScoped
public class IngestMetrics {
    /** Longer than this between a message's creation and its storing is a device's clock, not latency. */
    private static final Duration MAX_LATENCY = Duration.ofDays(365);

    private final MeterRegistry registry;
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Map<String, Counter> accepted = new ConcurrentHashMap<>();
    private final Map<String, Counter> duplicates = new ConcurrentHashMap<>();
    private final Map<String, DeviceGaps> gaps = new ConcurrentHashMap<>();
    private final Map<String, Counter> retries = new ConcurrentHashMap<>();
    private final Counter receiptsSent;
    private final Counter receiptsUnsent;
    private final Counter cleared;
    private final Counter silent;
    private final Timer batches;
    private final Timer latency;

    @Inject
    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.receiptsSent = Counter.builder("kioskops.ingest.receipts").tag("outcome", "sent")
                .description("Receipts handed to the broker for devices that asked for them (contract 1.5)").register(registry);
        this.receiptsUnsent = Counter.builder("kioskops.ingest.receipts").tag("outcome", "unsent")
                .description("Receipts handed to the broker for devices that asked for them (contract 1.5)").register(registry);
        this.cleared = Counter.builder("kioskops.ingest.cleared")
                .description("Empty retained payloads received (retained message cleared)").register(registry);
        this.silent = Counter.builder("kioskops.liveness.silent")
                .description("Devices taken offline because nothing arrived from them for 1.5 keep-alives plus the margin")
                .register(registry);
        this.batches = Timer.builder("kioskops.ingest.batch")
                .description("Time to store one batch of messages").register(registry);
        this.latency = Timer.builder("kioskops.ingest.latency")
                .description("From the device's timestamp to the message being stored and queryable (device clock skew included)")
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1))
                .distributionStatisticExpiry(Duration.ofMinutes(1))
                .register(registry);
    }

    void accepted(String kind) {
        accepted.computeIfAbsent(kind, k -> Counter.builder("kioskops.ingest.accepted").tag("kind", k)
                .description("Device messages stored").register(registry)).increment();
    }

    void rejected(String reason) {
        rejected.computeIfAbsent(reason, r -> Counter.builder("kioskops.ingest.rejected").tag("reason", r)
                .description("Device messages refused, by reason").register(registry)).increment();
    }

    /** A batch held back and retried after a storage failure expected to pass, by its cause. */
    void storeRetry(String cause) {
        retries.computeIfAbsent(cause, c -> Counter.builder("kioskops.ingest.store.retries").tag("cause", c)
                .description("Batches retried after a passing storage failure (lost connection, conflict, timeout, store away)")
                .register(registry)).increment();
    }

    void receipt(boolean sent) {
        (sent ? receiptsSent : receiptsUnsent).increment();
    }

    void duplicate(String kind) {
        duplicates.computeIfAbsent(kind, k -> Counter.builder("kioskops.ingest.duplicates").tag("kind", k)
                .description("Redelivered device messages recognised by sequence number").register(registry)).increment();
    }

    /** Records how long after the device created a message it became queryable. */
    void latency(Instant deviceTs, Instant stored) {
        // a device clock centuries off would overflow nanoseconds; such a reading says nothing about the hub's latency
        if (deviceTs.isAfter(stored) || deviceTs.isBefore(stored.minus(MAX_LATENCY))) {
            return;
        }
        latency.record(Duration.between(deviceTs, stored).toNanos(), TimeUnit.NANOSECONDS);
    }

    void silent(int devices) {
        silent.increment(devices);
    }

    void cleared() {
        cleared.increment();
    }

    Timer batchTimer() {
        return batches;
    }

    /** Publishes a device's sequence state; a device appears only once it has had a gap. */
    void sequence(String deviceId, long missing, long gapsDetected) {
        DeviceGaps state = gaps.get(deviceId);
        if (state == null) {
            if (gapsDetected == 0) {
                return;
            }
            state = gaps.computeIfAbsent(deviceId, this::register);
        }
        state.missing.set(missing);
        long increase = gapsDetected - state.lastGaps;
        if (increase > 0) {
            state.gaps.increment(increase);
        }
        state.lastGaps = gapsDetected;
    }

    private DeviceGaps register(String deviceId) {
        DeviceGaps state = new DeviceGaps();
        Gauge.builder("kioskops.device.sequence.missing", state.missing, AtomicLong::get).tag("device", deviceId)
                .description("Sequence numbers currently missing from this device").register(registry);
        state.gaps = Counter.builder("kioskops.device.sequence.gaps").tag("device", deviceId)
                .description("Sequence numbers found missing from this device").register(registry);
        return state;
    }

    /** Counts so far, by kind or reason. */
    public Snapshot snapshot() {
        return new Snapshot(counts(accepted), counts(rejected), counts(duplicates), (long) cleared.count());
    }

    private static Map<String, Long> counts(Map<String, Counter> counters) {
        Map<String, Long> counts = new TreeMap<>();
        counters.forEach((key, counter) -> counts.put(key, (long) counter.count()));
        return counts;
    }

    /** Ingest counts since the hub started. */
    public record Snapshot(Map<String, Long> accepted, Map<String, Long> rejected, Map<String, Long> duplicates, long cleared) {
    }

    /** Registers a gauge of a value the pipeline owns. */
    void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    private static final class DeviceGaps {
        final AtomicLong missing = new AtomicLong();
        Counter gaps;
        long lastGaps;
    }
}
