package org.kioskops.sim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.kioskops.sim.FleetOptions;
import org.kioskops.sim.FleetPlan;
import org.kioskops.sim.HubQueries;
import org.kioskops.sim.HubRegistrar;
import org.kioskops.sim.SimulatedFleet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kioskops-sim detect}: how fast the hub sees kiosks go. Starts a fleet on the real agent code, waits
 * until the hub shows every kiosk online, then either cuts every kiosk's power at once (the broker publishes
 * the wills) or hangs every agent at once (connections stay up; only the hub's silence detection can tell),
 * and measures from each kiosk's cut (or its last message) to the moment the hub took it offline.
 */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "Measure how fast the hub detects kiosks that drop (will) or fall silent.")
public final class DetectCommand implements Callable<Integer> {
    @Option(names = "--broker", required = true, description = "MQTT broker URL the kiosks use")
    String broker;

    @Option(names = "--hub", required = true, description = "Hub base URL")
    URI hub;

    @Option(names = "--ca-file", description = "PEM CA file for an ssl:// broker")
    Path caFile;

    @Option(names = "--kiosks", defaultValue = "1000", description = "Kiosks (default ${DEFAULT-VALUE})")
    int kiosks;

    @Option(names = "--mode", defaultValue = "will", description = "will (power cut) or silent (hung agent) (default ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--keep-alive", defaultValue = "10", description = "Kiosks' MQTT keep-alive, seconds (default ${DEFAULT-VALUE})")
    int keepAlive;

    @Option(names = "--timeout", defaultValue = "120", description = "Seconds to wait for each phase (default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    private HubQueries queries;

    @Override
    public Integer call() throws Exception {
        queries = new HubQueries(hub);
        if (!mode.equals("will") && !mode.equals("silent")) {
            System.err.println("--mode must be will or silent");
            return 2;
        }
        String namespace = "detect-" + Long.toString(System.currentTimeMillis(), 36) + "-";
        FleetPlan plan = FleetPlan.generate(kiosks, Math.max(1, kiosks / 50), 7, namespace + "kiosk", namespace);
        Map<String, String> secrets = new HubRegistrar(hub).register(plan);
        String city = plan.sites().get(0).id();
        System.out.printf("Registered %d kiosks under %s; starting them (keep-alive %d s)%n", kiosks, city, keepAlive);
        // telemetry rarely, so that a silent kiosk is known by its heartbeats only
        FleetOptions options = FleetOptions.defaults(broker).withSecrets(secrets).withCaFile(caFile).withKeepAlive(keepAlive)
                .withTelemetryInterval(Duration.ofHours(1)).withActivity(0);
        try (SimulatedFleet fleet = SimulatedFleet.start(plan, options)) {
            if (!awaitCount(city, "online", kiosks)) {
                return 1;
            }
            Map<String, Instant> cutAt = new HashMap<>();
            for (FleetPlan.KioskPlan k : plan.kiosks()) {
                cutAt.put(k.deviceId(), Instant.now());
                if (mode.equals("will")) {
                    fleet.kill(k.deviceId());
                } else {
                    fleet.freeze(k.deviceId());
                }
            }
            System.out.printf("%s %d kiosks; waiting for the hub to take them offline%n", mode.equals("will") ? "Cut power to" : "Hung",
                    kiosks);
            if (!awaitCount(city, "offline", kiosks)) {
                return 1;
            }
            report(city, cutAt);
        }
        return 0;
    }

    private void report(String city, Map<String, Instant> cutAt) throws Exception {
        List<Long> fromCut = new ArrayList<>();
        List<Long> fromLastMessage = new ArrayList<>();
        Map<String, Integer> causes = new HashMap<>();
        for (JsonNode device : devices(city, "offline")) {
            Instant offlineAt = Instant.parse(device.get("connectionSince").asText());
            fromCut.add(Duration.between(cutAt.get(device.get("id").asText()), offlineAt).toMillis());
            if (device.hasNonNull("lastSeenAt")) {
                fromLastMessage.add(Duration.between(Instant.parse(device.get("lastSeenAt").asText()), offlineAt).toMillis());
            }
            causes.merge(device.path("offlineReason").asText("?"), 1, Integer::sum);
        }
        System.out.printf("%nDetection of %d kiosks (%s, keep-alive %d s), offline causes %s%n", fromCut.size(), mode, keepAlive, causes);
        line("from the cut", fromCut);
        if (mode.equals("silent")) {
            // a will is itself the last message; only silence is measured from what came before
            line("from the kiosk's last message", fromLastMessage);
            System.out.printf("  target: at most 1.5 x keep-alive + 5 s = %.1f s after the last message%n", keepAlive * 1.5 + 5);
        }
    }

    private static void line(String what, List<Long> millis) {
        Collections.sort(millis);
        System.out.printf("  %-30s p50 %6d ms   p99 %6d ms   max %6d ms%n", what, quantile(millis, 0.50), quantile(millis, 0.99),
                millis.isEmpty() ? 0 : millis.get(millis.size() - 1));
    }

    private static long quantile(List<Long> sorted, double q) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private boolean awaitCount(String city, String status, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        long count = 0;
        while (System.nanoTime() < deadline) {
            count = queries.devices(city, status);
            if (count >= expected) {
                System.out.printf("  hub shows %d/%d %s%n", count, expected, status);
                return true;
            }
            Thread.sleep(500);
        }
        System.err.printf("The hub showed only %d of %d kiosks %s after %d s%n", count, expected, status, timeoutSeconds);
        return false;
    }

    private List<JsonNode> devices(String city, String status) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        for (int offset = 0; ; offset += 1000) {
            JsonNode page = queries.get("/api/devices?site=" + city + "&status=" + status + "&limit=1000&offset=" + offset);
            page.get("items").forEach(all::add);
            if (all.size() >= page.get("total").asLong() || page.get("items").isEmpty()) {
                return all;
            }
        }
    }
}
