package org.kioskops.sim.bench;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import org.kioskops.protocol.Birth;
import org.kioskops.protocol.DeviceMessage;
import org.kioskops.protocol.Inventory;
import org.kioskops.protocol.ProtocolCodec;
import org.kioskops.protocol.ScreenState;
import org.kioskops.protocol.TelemetryBatch;
import org.kioskops.protocol.TelemetrySample;

/**
 * The benchmark's messages: one telemetry sample with ten readings (uptime, screen state and brightness,
 * CPU temperature, memory and disk used and total, one compartment's occupancy and door), stamped with
 * the time of publishing, so that the hub's latency histogram measures publish to stored.
 */
public final class BenchPayloads {
    private final ProtocolCodec codec = new ProtocolCodec();
    private final List<String> devices;
    private final AtomicLongArray seq;
    private final Clock clock;

    public BenchPayloads(List<String> devices, Clock clock) {
        this.devices = devices;
        this.seq = new AtomicLongArray(devices.size());
        this.clock = clock;
    }

    public int devices() {
        return devices.size();
    }

    public String device(int index) {
        return devices.get(index);
    }

    /**
     * A birth of device {@code index} on its next numbers (the will's, then its own), asking for receipts when
     * {@code receipts}, as agents of contract 1.5 do.
     */
    public byte[] birth(int index, boolean receipts) {
        long session = seq.getAndIncrement(index);
        long n = seq.getAndIncrement(index);
        return codec.encode(new Birth(DeviceMessage.VERSION, devices.get(index), n, clock.instant(), session, "bench",
                "bench", "bench-box", null, new Inventory(null, List.of(), List.of(), List.of()), null, null, null,
                receipts ? Boolean.TRUE : null));
    }

    /** The next message of device {@code index}, with its next sequence number. */
    public byte[] next(int index) {
        Instant now = clock.instant();
        long n = seq.getAndIncrement(index);
        TelemetrySample sample = new TelemetrySample(now, 3600 + n, new TelemetrySample.ScreenReading(ScreenState.ON, 80),
                List.of(new TelemetrySample.LockerBankReading("A", List.of(new TelemetrySample.CompartmentReading(1, n % 2 == 0, false)))),
                null, new TelemetrySample.SystemReading(45.0 + n % 10, 1_000_000L, 4_000_000L, 5_000_000L, 30_000_000L));
        return codec.encode(new TelemetryBatch(DeviceMessage.VERSION, devices.get(index), n, now, List.of(sample)));
    }
}
