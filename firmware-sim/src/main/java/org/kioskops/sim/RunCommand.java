package org.kioskops.sim;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kioskops-sim run}: a fleet of simulated kiosks against a broker, until stopped or for a duration. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run simulated kiosks on the real agent code against an MQTT broker.")
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--broker", required = true, description = "MQTT broker URL, e.g. tcp://127.0.0.1:1883; or the hub's CoAP address, "
            + "coaps://127.0.0.1:5684, for kiosks that talk CoAP over DTLS")
    String broker;

    @Option(names = "--hub", description = "Hub base URL; when given, the fleet's sites and kiosks are registered there first")
    URI hub;

    @Option(names = "--wait-for-hub", defaultValue = "0s", converter = DurationConverter.class,
            description = "With --hub: wait up to this long for the hub to be ready (e.g. 120s) before registering")
    Duration waitForHub;

    @Option(names = "--ca-file", description = "PEM CA file to verify an ssl:// broker; with --hub and ssl:// it is fetched "
            + "from the hub when absent")
    Path caFile;

    @Option(names = "--kiosks", defaultValue = "20", description = "Number of kiosks (default ${DEFAULT-VALUE})")
    int kiosks;

    @Option(names = "--communities", defaultValue = "4", description = "Number of communities, one site each (default ${DEFAULT-VALUE})")
    int communities;

    @Option(names = "--prefix", defaultValue = "kiosk", description = "Device id prefix (default ${DEFAULT-VALUE})")
    String prefix;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for fleet layout and behaviour (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--duration", converter = DurationConverter.class,
            description = "Stop after this long (e.g. 10m); runs until Ctrl-C when absent")
    Duration duration;

    @Option(names = "--telemetry-interval", defaultValue = "10s", converter = DurationConverter.class,
            description = "Telemetry interval per kiosk (default ${DEFAULT-VALUE})")
    Duration telemetryInterval;

    @Option(names = "--tick", defaultValue = "5s", converter = DurationConverter.class,
            description = "Behaviour step per kiosk (default ${DEFAULT-VALUE})")
    Duration tick;

    @Option(names = "--activity", defaultValue = "0.3", description = "Chance of an action per kiosk per tick (default ${DEFAULT-VALUE})")
    double activity;

    @Option(names = "--timezone", defaultValue = "Asia/Shanghai", description = "Sites' local time zone (default ${DEFAULT-VALUE})")
    ZoneId zone;

    @Option(names = "--state-dir", description = "Keep each kiosk's sequence numbers here across runs")
    Path stateDir;

    @Option(names = "--release-key", description = "Release public key (PEM) the kiosks pin for updates; with --hub and without "
            + "this option, the hub's first trusted key is fetched")
    Path releaseKey;

    @Option(names = "--update-failure-rate", defaultValue = "0", description = "Share of update installs whose new version fails its "
            + "post-update check and rolls back, 0 to 1 (default ${DEFAULT-VALUE})")
    double updateFailureRate;

    @Option(names = "--progress-interval", defaultValue = "5s", converter = DurationConverter.class,
            description = "Progress line interval (default ${DEFAULT-VALUE})")
    Duration progressInterval;

    @Override
    public Integer call() throws Exception {
        FleetPlan plan = FleetPlan.generate(kiosks, communities, seed, prefix);
        Map<String, String> secrets = Map.of();
        if (hub != null) {
            HubRegistrar registrar = new HubRegistrar(hub);
            if (!waitForHub.isZero()) {
                System.out.printf("Waiting up to %ds for the hub at %s ...%n", waitForHub.toSeconds(), hub);
                if (!registrar.awaitReady(waitForHub)) {
                    System.err.printf("The hub at %s did not become ready within %ds%n", hub, waitForHub.toSeconds());
                    return 1;
                }
            }
            secrets = registrar.register(plan);
            if (broker.startsWith("coaps://")) {
                // CoAP kiosks authenticate with a DTLS pre-shared key, which replaces the MQTT secret
                Map<String, String> keys = new HashMap<>();
                for (FleetPlan.KioskPlan k : plan.kiosks()) {
                    keys.put(k.deviceId(), registrar.issuePsk(k.deviceId()));
                }
                secrets = keys;
            }
            for (FleetPlan.SiteNode root : plan.sites().stream().filter(n -> n.parentId() == null).toList()) {
                registrar.declareServiceHours(root.id(), zone);
            }
            System.out.printf("Registered %d sites and %d kiosks with %s; %d kiosks got new MQTT secrets%n",
                    plan.sites().size(), plan.kiosks().size(), hub, secrets.size());
            if (releaseKey == null) {
                Path key = Files.createTempFile("kioskops-release-key", ".pem");
                key.toFile().deleteOnExit();
                releaseKey = registrar.downloadReleaseKey(key) ? key : null;
            }
            if (broker.startsWith("ssl://") && caFile == null) {
                caFile = Files.createTempFile("kioskops-broker-ca", ".pem");
                caFile.toFile().deleteOnExit();
                registrar.downloadBrokerCa(caFile);
            }
        }
        FleetOptions options = FleetOptions.defaults(broker).withSeed(seed).withTelemetryInterval(telemetryInterval)
                .withTick(tick).withActivity(activity).withZone(zone).withStateDir(stateDir)
                .withSecrets(secrets).withCaFile(caFile)
                .withUpdates(new FleetOptions.Updates(releaseKey, updateFailureRate, FleetOptions.Updates.none().agentVersion(),
                        Duration.ofSeconds(10)));
        if (updateFailureRate < 0 || updateFailureRate > 1) {
            System.err.println("--update-failure-rate must be between 0 and 1");
            return 2;
        }
        SimulatedFleet fleet = SimulatedFleet.start(plan, options);
        System.out.printf("Started %d kiosks in %d communities against %s%n", plan.kiosks().size(), communities, broker);
        ProgressReporter progress = new ProgressReporter(System.out, System.console() != null, fleet::snapshot, duration);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-progress");
            t.setDaemon(true);
            return t;
        });
        CountDownLatch done = new CountDownLatch(1);
        timer.scheduleAtFixedRate(progress::report, progressInterval.toMillis(), progressInterval.toMillis(), TimeUnit.MILLISECONDS);
        if (duration != null) {
            timer.schedule(done::countDown, duration.toMillis(), TimeUnit.MILLISECONDS);
        }
        CountDownLatch finished = new CountDownLatch(1);
        // On Ctrl-C the JVM only waits for shutdown hooks, so the hook waits for the clean stop and summary.
        Thread hook = new Thread(() -> {
            done.countDown();
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sim-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        done.await();
        timer.shutdownNow();
        long onlineAtEnd = fleet.snapshot().online();
        fleet.stop(Duration.ofSeconds(5));
        progress.summary(fleet.snapshot(), onlineAtEnd);
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down (Ctrl-C)
        }
        return 0;
    }
}
