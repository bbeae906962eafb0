package org.kioskops.sim.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kioskops.sim.DurationConverter;
import org.kioskops.sim.FleetPlan;
import org.kioskops.sim.HubApi;
import org.kioskops.sim.HubRegistrar;
import org.kioskops.sim.ProcessMemory;
import org.kioskops.sim.bench.mqtt.CountingSubscriber;
import org.kioskops.sim.bench.mqtt.LoadPublisher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kioskops-sim bench}: on the same payloads, the raw ceiling of Paho publishers → broker → a Paho
 * subscriber that does nothing, then KioskOps end to end (publishers → broker → hub → database) at full
 * speed and at a fixed rate. Prints messages/s, publish→stored latency p50/p99 and resident memory.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the broker's raw ceiling and KioskOps end to end on the same payloads.")
public final class BenchCommand implements Callable<Integer> {
    private static final String LATENCY = "kioskops_ingest_latency_seconds";

    @Option(names = "--broker", required = true, description = "MQTT broker URL")
    String broker;

    @Option(names = "--hub", description = "Hub base URL; without it only the raw ceiling is measured")
    URI hub;

    @Option(names = "--wait-for-hub", defaultValue = "0s", converter = DurationConverter.class,
            description = "Wait up to this long for the hub to be ready")
    Duration waitForHub;

    @Option(names = "--devices", defaultValue = "500", description = "Simulated devices (default ${DEFAULT-VALUE})")
    int devices;

    @Option(names = "--publishers", defaultValue = "8", description = "Publishing connections (default ${DEFAULT-VALUE})")
    int publishers;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
            description = "Length of each measured phase (default ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "10s", converter = DurationConverter.class,
            description = "Unmeasured load before the first phase (default ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = "--rate", defaultValue = "5000", split = ",",
            description = "Messages/s of the fixed-rate phases, comma-separated; 0 skips them (default ${DEFAULT-VALUE})")
    List<Integer> rates;

    @Option(names = "--skip-raw", description = "Skip the raw ceiling phase")
    boolean skipRaw;

    @Option(names = "--skip-full-speed", description = "Skip the full-speed end-to-end phase")
    boolean skipFullSpeed;

    @Option(names = "--no-receipts", defaultValue = "true", negatable = true,
            description = "The devices ask for receipts in a birth (contract 1.5) and a subscriber takes them, as agents do; "
                    + "--no-receipts measures without them")
    boolean receipts;

    @Option(names = "--pid", description = "A process to report memory of, as name=pid (repeatable)")
    Map<String, Long> pids = Map.of();

    private final HttpClient http = HttpClient.newHttpClient();

    /** Figures of one phase. */
    record Result(String phase, long messages, double seconds, double rate, double p50ms, double p99ms) {
    }

    @Override
    public Integer call() throws Exception {
        List<String> ids = new ArrayList<>();
        FleetPlan plan = FleetPlan.generate(devices, 4, 1, "bench", "bench-");
        plan.kiosks().forEach(k -> ids.add(k.deviceId()));
        BenchPayloads payloads = new BenchPayloads(ids, Clock.systemUTC());
        System.out.printf("KioskOps benchmark, %s, %d cores, %d MB max heap, Java %s%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        System.out.printf("%d devices, %d publishing connections, QoS 1, one 10-reading telemetry sample per message%n%n",
                devices, publishers);
        List<Result> results = new ArrayList<>();
        if (!skipRaw) {
            results.add(raw(payloads));
        }
        if (hub != null) {
            HubRegistrar registrar = new HubRegistrar(hub);
            if (!waitForHub.isZero() && !registrar.awaitReady(waitForHub)) {
                System.err.println("the hub at " + hub + " did not become ready");
                return 1;
            }
            registrar.register(plan);
            announce(payloads);
            System.out.println("warming up the hub for " + warmup.toSeconds() + " s");
            endToEnd("warm-up", payloads, warmup, 0);
            if (!skipFullSpeed) {
                results.add(endToEnd("KioskOps end to end, full speed", payloads, duration, 0));
            }
            for (int rate : rates) {
                if (rate > 0) {
                    results.add(endToEnd("KioskOps end to end at " + rate + " msg/s", payloads, duration, rate));
                }
            }
        }
        System.out.println();
        System.out.println("| phase | messages | seconds | msg/s | p50 ms | p99 ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            System.out.printf("| %s | %d | %.1f | %.0f | %s | %s |%n", r.phase(), r.messages(), r.seconds(), r.rate(),
                    ms(r.p50ms()), ms(r.p99ms()));
        }
        if (!skipRaw && !skipFullSpeed && results.size() > 1) {
            System.out.printf("%nend to end / raw ceiling: %.2f%n", results.get(1).rate() / results.get(0).rate());
        }
        printMemory();
        return 0;
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "-" : Double.isInfinite(value) ? "> 60000" : String.format("%.0f", value);
    }

    private void printMemory() {
        System.out.println();
        long[] self = ProcessMemory.of(ProcessHandle.current().pid());
        if (self != null) {
            System.out.printf("memory: bench %d MB (peak %d MB)", self[0] >> 10, self[1] >> 10);
        }
        pids.forEach((name, pid) -> {
            long[] m = ProcessMemory.of(pid);
            if (m != null) {
                System.out.printf(", %s %d MB (peak %d MB)", name, m[0] >> 10, m[1] >> 10);
            }
        });
        System.out.println();
    }

    /** Publishers → broker → a subscriber that only counts: the ceiling of the broker and the client library. */
    private Result raw(BenchPayloads payloads) throws Exception {
        CountingSubscriber subscriber = CountingSubscriber.start(broker, "bench-raw-subscriber", "kioskops-bench/raw/+/telemetry", 1);
        System.out.println("raw ceiling: " + duration.toSeconds() + " s of load");
        long start = System.nanoTime();
        long published = load("kioskops-bench/raw/", payloads, duration, 0);
        waitUntil(() -> subscriber.count() >= published, Duration.ofSeconds(120));
        double seconds = (System.nanoTime() - start) / 1e9;
        subscriber.close();
        return new Result("raw ceiling: Paho → broker → Paho", published, seconds, subscriber.count() / seconds, Double.NaN, Double.NaN);
    }

    /** Each device's birth, and, with receipts, a subscriber that takes every device's receipts and counts them. */
    private void announce(BenchPayloads payloads) throws Exception {
        if (receipts) {
            receiptTaker = CountingSubscriber.start(broker, "bench-receipts-" + System.nanoTime(), "kioskops/v1/+/receipt", 0);
        }
        LoadPublisher births = new LoadPublisher(broker, "bench-births-" + System.nanoTime(), 100);
        for (int i = 0; i < payloads.devices(); i++) {
            births.publish("kioskops/v1/" + payloads.device(i) + "/birth", payloads.birth(i, receipts));
        }
        births.drain();
        births.close();
        System.out.printf("%d births sent, %s%n", payloads.devices(), receipts ? "asking for receipts" : "without receipts");
    }

    private CountingSubscriber receiptTaker;

    private Result endToEnd(String phase, BenchPayloads payloads, Duration length, int ratePerSecond) throws Exception {
        long receiptsBefore = receipts();
        long before = accepted();
        LatencyHistogram histogramBefore = LatencyHistogram.parse(get("/q/metrics"), LATENCY);
        long start = System.nanoTime();
        long published = load("kioskops/v1/", payloads, length, ratePerSecond);
        boolean drained = waitUntil(() -> accepted() - before >= published, Duration.ofSeconds(300));
        double seconds = (System.nanoTime() - start) / 1e9;
        long stored = accepted() - before;
        LatencyHistogram latency = LatencyHistogram.parse(get("/q/metrics"), LATENCY).minus(histogramBefore);
        if (!drained) {
            System.out.printf("  %s: only %d of %d messages stored after waiting%n", phase, stored, published);
        }
        if (receipts) {
            System.out.printf("  %s: %d receipts taken for %d messages stored%n", phase, receipts() - receiptsBefore, stored);
        }
        return new Result(phase, published, seconds, stored / seconds, latency.quantile(0.5) * 1000, latency.quantile(0.99) * 1000);
    }

    /** Publishes from {@link #publishers} connections for {@code length}; paced when {@code ratePerSecond} > 0. */
    private long load(String prefix, BenchPayloads payloads, Duration length, int ratePerSecond) throws Exception {
        List<LoadPublisher> connections = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        LongAdder published = new LongAdder();
        long deadline = System.nanoTime() + length.toNanos();
        ProgressLine progress = new ProgressLine(published);
        for (int p = 0; p < publishers; p++) {
            LoadPublisher connection = new LoadPublisher(broker, "bench-pub-" + p + "-" + System.nanoTime(), 1000);
            connections.add(connection);
            int first = p;
            Thread t = new Thread(() -> {
                long intervalNanos = ratePerSecond > 0 ? (long) (1e9 * publishers / ratePerSecond) : 0;
                long next = System.nanoTime();
                try {
                    for (int i = first; System.nanoTime() < deadline; i = (i + publishers) % payloads.devices()) {
                        if (intervalNanos > 0) {
                            next += intervalNanos;
                            long wait = next - System.nanoTime();
                            if (wait > 0) {
                                LockSupport.parkNanos(wait);
                            }
                        }
                        connection.publish(prefix + payloads.device(i) + "/telemetry", payloads.next(i));
                        published.increment();
                    }
                    connection.drain();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-publisher-" + p);
            threads.add(t);
            t.start();
        }
        progress.start();
        for (Thread t : threads) {
            t.join();
        }
        progress.stop();
        long failed = 0;
        for (LoadPublisher c : connections) {
            failed += c.failed();
            c.close();
        }
        if (failed > 0) {
            System.out.println("  " + failed + " publishes failed");
        }
        return published.sum();
    }

    private long accepted() {
        String stats = get("/api/ingest/stats");
        Matcher m = Pattern.compile("\"telemetry\":(\\d+)").matcher(
                stats.substring(stats.indexOf("\"accepted\"")));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private String get(String path) {
        try {
            return http.send(HubApi.request(hub.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + path + " from the hub: " + e, e);
        }
    }

    private static boolean waitUntil(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        return condition.getAsBoolean();
    }

    /** Prints the publishing rate every 5 s while a phase runs. */
    private static final class ProgressLine {
        private final LongAdder published;
        private Thread thread;

        ProgressLine(LongAdder published) {
            this.published = published;
        }

        void start() {
            thread = new Thread(() -> {
                long last = 0;
                while (!Thread.currentThread().isInterrupted()) {
                    LockSupport.parkNanos(Duration.ofSeconds(5).toNanos());
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    long now = published.sum();
                    System.out.printf("  published %d (%.0f msg/s)%n", now, (now - last) / 5.0);
                    last = now;
                }
            }, "bench-progress");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() {
            thread.interrupt();
        }
    }

    private long receipts() {
        return receiptTaker == null ? 0 : receiptTaker.count();
    }
}
