package org.kioskops.sim.coap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.kioskops.sim.DurationConverter;
import org.kioskops.sim.FleetPlan;
import org.kioskops.sim.HubRegistrar;
import org.kioskops.sim.ProcessMemory;
import org.kioskops.sim.bench.BenchPayloads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kioskops-sim coap-bench}: devices with their own DTLS sessions post telemetry to the hub's CoAP
 * endpoint as confirmable requests, which the hub answers once the message is stored. Prints requests/s, the
 * request-to-answer latency p50/p99 (so: into the durable store) and resident memory.
 */
@Command(name = "coap-bench", mixinStandardHelpOptions = true,
        description = "Measure CoAP confirmable posts per second into the hub's durable store, and their latency.")
public final class CoapBenchCommand implements Callable<Integer> {
    @Option(names = "--hub", required = true, description = "Hub base URL (REST), to register devices and issue their keys")
    URI hub;

    @Option(names = "--coap", defaultValue = "127.0.0.1:5684", description = "The hub's CoAP address host:port (default ${DEFAULT-VALUE})")
    String coap;

    @Option(names = "--devices", defaultValue = "100", description = "Devices, each with its own DTLS session (default ${DEFAULT-VALUE})")
    int devices;

    @Option(names = "--in-flight", defaultValue = "4", description = "Outstanding requests per device (default ${DEFAULT-VALUE})")
    int inFlight;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
            description = "Measured phase (default ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "10s", converter = DurationConverter.class,
            description = "Unmeasured load before it (default ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = "--cbor", description = "Post CBOR instead of JSON")
    boolean cbor;

    @Option(names = "--pid", description = "A process to report memory of, as name=pid (repeatable)")
    Map<String, Long> pids = Map.of();

    /** Figures of one phase. */
    record Result(long answered, long refused, long timeouts, double seconds, double p50ms, double p99ms) {
        double rate() {
            return answered / seconds;
        }
    }

    @Override
    public Integer call() throws Exception {
        FleetPlan plan = FleetPlan.generate(devices, 4, 1, "coapbench", "coapbench-" + Long.toString(System.currentTimeMillis(), 36) + "-");
        HubRegistrar registrar = new HubRegistrar(hub);
        registrar.register(plan);
        List<String> ids = plan.kiosks().stream().map(FleetPlan.KioskPlan::deviceId).toList();
        System.out.printf("KioskOps CoAP benchmark, %s, %d cores, Java %s%n", LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        System.out.printf("%d devices over DTLS 1.2 (PSK) to coaps://%s, %d requests in flight each, confirmable POSTs of one "
                + "10-reading telemetry sample in %s%n", devices, coap, inFlight, cbor ? "CBOR" : "JSON");
        List<CoapDeviceLink> links = new ArrayList<>();
        try {
            for (String id : ids) {
                links.add(new CoapDeviceLink(coap, id, registrar.issuePsk(id), inFlight));
            }
            BenchPayloads payloads = new BenchPayloads(ids, Clock.systemUTC());
            System.out.println("warming up for " + warmup.toSeconds() + " s (DTLS handshakes, JIT)");
            phase(links, payloads, warmup, false);
            Result r = phase(links, payloads, duration, true);
            System.out.println();
            System.out.println("| devices | in flight | answered | refused | timeouts | seconds | requests/s | p50 ms | p99 ms |");
            System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            System.out.printf("| %d | %d | %d | %d | %d | %.1f | %.0f | %.1f | %.1f |%n", devices, devices * inFlight, r.answered(), r.refused(),
                    r.timeouts(), r.seconds(), r.rate(), r.p50ms(), r.p99ms());
            printMemory();
            return r.refused() + r.timeouts() == 0 ? 0 : 1;
        } finally {
            links.forEach(CoapDeviceLink::close);
        }
    }

    /** Every device keeps {@link #inFlight} requests outstanding for {@code length}; then waits for the answers. */
    private Result phase(List<CoapDeviceLink> links, BenchPayloads payloads, Duration length, boolean report) throws InterruptedException {
        LongAdder answered = new LongAdder();
        LongAdder refused = new LongAdder();
        LongAdder timeouts = new LongAdder();
        Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
        long[] latencies = new long[8_000_000];
        AtomicInteger recorded = new AtomicInteger();
        Semaphore outstanding = new Semaphore(links.size() * inFlight);
        long start = System.nanoTime();
        long deadline = start + length.toNanos();
        long nextReport = start + TimeUnit.SECONDS.toNanos(5);
        ObjectMapper json = new ObjectMapper();
        // one sender thread: each device gets its turn, at most inFlight requests outstanding per device
        Semaphore[] perDevice = new Semaphore[links.size()];
        Arrays.setAll(perDevice, i -> new Semaphore(inFlight));
        int i = 0;
        while (System.nanoTime() < deadline) {
            int device = i++ % links.size();
            if (!perDevice[device].tryAcquire(1, TimeUnit.MILLISECONDS)) {
                continue;
            }
            outstanding.acquire();
            byte[] payload = payloads.next(device);
            if (cbor) {
                payload = Cbor.of(json, payload);
            }
            long sent = System.nanoTime();
            links.get(device).post("telemetry", payload, cbor, (code, text) -> {
                long took = System.nanoTime() - sent;
                if (code.equals("2.04")) {
                    answered.increment();
                    int slot = recorded.getAndIncrement();
                    if (slot < latencies.length) {
                        latencies[slot] = took;
                    }
                } else if (code.equals("timeout")) {
                    timeouts.increment();
                } else {
                    refused.increment();
                    reasons.computeIfAbsent(code + " " + text, k -> new LongAdder()).increment();
                }
                perDevice[device].release();
                outstanding.release();
            });
            long now = System.nanoTime();
            if (report && now >= nextReport) {
                System.out.printf("  %3d s: %d answered (%.0f/s), %d refused, %d timeouts%n", TimeUnit.NANOSECONDS.toSeconds(now - start),
                        answered.sum(), answered.sum() / ((now - start) / 1e9), refused.sum(), timeouts.sum());
                nextReport += TimeUnit.SECONDS.toNanos(5);
            }
        }
        boolean drained = outstanding.tryAcquire(links.size() * inFlight, 60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!drained) {
            System.out.println("  not every request was answered within 60 s after the phase");
        }
        reasons.forEach((reason, n) -> System.out.printf("  refused %d x: %s%n", n.sum(), reason));
        int n = Math.min(recorded.get(), latencies.length);
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        return new Result(answered.sum(), refused.sum(), timeouts.sum(), seconds, quantileMillis(sorted, 0.5), quantileMillis(sorted, 0.99));
    }

    private static double quantileMillis(long[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
    }

    private void printMemory() {
        long[] self = ProcessMemory.of(ProcessHandle.current().pid());
        StringBuilder line = new StringBuilder("memory:");
        if (self != null) {
            line.append(String.format(" bench %d MB (peak %d MB)", self[0] >> 10, self[1] >> 10));
        }
        pids.forEach((name, pid) -> {
            long[] m = ProcessMemory.of(pid);
            if (m != null) {
                line.append(String.format(", %s %d MB (peak %d MB)", name, m[0] >> 10, m[1] >> 10));
            }
        });
        System.out.println(line);
    }

    /** JSON payloads re-encoded as CBOR, the same document. */
    private static final class Cbor {
        private static final CBORMapper MAPPER =
                new CBORMapper();

        static byte[] of(ObjectMapper json, byte[] payload) {
            try {
                return MAPPER.writeValueAsBytes(json.readTree(payload));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
