package org.kioskops.sim.traffic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.kioskops.sim.FleetPlan;
import org.kioskops.sim.HubRegistrar;

/**
 * Replays a recorded traffic file against a broker: with the original pacing divided by {@code speed},
 * device ids prefixed and timestamps moved to now (unless kept). With a hub, the replayed devices are first
 * registered there (under a site of their own) and each publishes as itself.
 */
public final class TrafficReplay {
    private final Path file;
    private final Function<Map<String, String>, TrafficSender> senders;
    private final URI hub;
    private final String idPrefix;
    private final double speed;
    private final boolean keepTimestamps;
    private final PrintStream out;

    /**
     * @param senders makes the sender for the replay, given each registered device's secret (none without a hub)
     */
    public TrafficReplay(Path file, Function<Map<String, String>, TrafficSender> senders, URI hub, String idPrefix, double speed, boolean keepTimestamps, PrintStream out) {
        this.file = file;
        this.senders = senders;
        this.hub = hub;
        this.idPrefix = idPrefix;
        this.speed = speed;
        this.keepTimestamps = keepTimestamps;
        this.out = out;
    }

    /** What a replay did. */
    public record Summary(long records, long sent, long failed, long skipped, Duration took, Set<String> devices) {
    }

    public Summary run() throws Exception {
        List<TrafficRecord> records = read();
        if (records.isEmpty()) {
            throw new IOException(file + " holds no records");
        }
        Set<String> devices = new LinkedHashSet<>();
        records.forEach(r -> TrafficRemap.fromDevice(r.topic()).ifPresent(t -> devices.add(t.deviceId())));
        Instant first = records.get(0).at();
        long startNanos = System.nanoTime();
        Instant start = Instant.now();
        TrafficRemap remap = new TrafficRemap(idPrefix, keepTimestamps ? Duration.ZERO : Duration.between(first, start));
        Map<String, String> secrets = Map.of();
        if (hub != null) {
            secrets = new HubRegistrar(hub).register(plan(devices, remap, idPrefix));
            out.printf("Registered %d replayed devices in %s under %scity%n", devices.size(), hub, idPrefix);
        }
        long sent = 0;
        long failed = 0;
        long skipped = 0;
        long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try (TrafficSender replayer = senders.apply(secrets)) {
            for (TrafficRecord r : records) {
                long due = startNanos + (long) (Duration.between(first, r.at()).toNanos() / speed);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait); // pacing, as recorded
                }
                var topic = TrafficRemap.fromDevice(r.topic());
                if (topic.isEmpty()) {
                    // only what devices sent is replayed: the hub sends its own settings and commands
                    skipped++;
                    continue;
                }
                try {
                    replayer.publish(remap.device(topic.get().deviceId()), remap.topic(topic.get()), remap.payload(r.bytes()), r.qos(),
                            r.retain(), r.properties());
                    sent++;
                } catch (Exception e) {
                    failed++;
                    if (failed <= 5) {
                        out.printf("  failed: %s: %s%n", r.topic(), e.getMessage());
                    }
                }
                if (System.nanoTime() >= nextReport) {
                    nextReport += TimeUnit.SECONDS.toNanos(5);
                    out.printf("[%ds] %d/%d replayed, %d failed%n", (System.nanoTime() - startNanos) / 1_000_000_000L, sent, records.size(), failed);
                }
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        Summary summary = new Summary(records.size(), sent, failed, skipped, took, devices);
        out.printf("Replay summary%n  records   %d from %s (%d devices)%n  sent      %d acknowledged, %d failed, %d skipped (hub to device, or outside kioskops/v1)%n"
                        + "  duration  %.1f s (recorded span %.1f s, speed %s)%n  rate      %.1f msg/s%n",
                records.size(), file, devices.size(), sent, failed, skipped, took.toMillis() / 1000.0,
                Duration.between(first, records.get(records.size() - 1).at()).toMillis() / 1000.0, speed,
                sent / Math.max(0.001, took.toMillis() / 1000.0));
        return summary;
    }

    private List<TrafficRecord> read() throws IOException {
        List<TrafficRecord> records = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            int n = 0;
            for (String line; (line = in.readLine()) != null; ) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    records.add(TrafficRecord.parse(line));
                } catch (IOException e) {
                    throw new IOException(file + ":" + n + ": not a traffic record: " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        }
        records.sort((a, b) -> a.at().compareTo(b.at()));
        return records;
    }

    /** The replayed devices under one site of their own, for the hub's registry. */
    private static FleetPlan plan(Set<String> devices, TrafficRemap remap, String prefix) {
        String city = prefix + "city";
        String site = prefix + "site";
        // the hub's tree has every level: city, district, street, community, site
        List<FleetPlan.SiteNode> sites = List.of(new FleetPlan.SiteNode(city, "city", "Replay " + prefix, null),
                new FleetPlan.SiteNode(prefix + "district", "district", "Replay", city),
                new FleetPlan.SiteNode(prefix + "street", "street", "Replay", prefix + "district"),
                new FleetPlan.SiteNode(prefix + "community", "community", "Replay", prefix + "street"),
                new FleetPlan.SiteNode(site, "site", "Replayed kiosks", prefix + "community"));
        List<FleetPlan.KioskPlan> kiosks = devices.stream().map(d -> new FleetPlan.KioskPlan(remap.device(d), site, "replayed", List.of(), false))
                .toList();
        return new FleetPlan(sites, kiosks);
    }
}
