package org.kioskops.sim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.kioskops.protocol.time.ScaledClock;
import org.kioskops.sim.FleetOptions;
import org.kioskops.sim.FleetPlan;
import org.kioskops.sim.HubQueries;
import org.kioskops.sim.HubRegistrar;
import org.kioskops.sim.SimulatedFleet;

/**
 * Runs a scenario against a hub: registers its fleet under a namespace of its own (so runs never collide),
 * starts the kiosks on the real agent code with durable state, waits until the hub shows them all online,
 * injects the faults at their times while printing progress, then checks every expectation against the
 * hub's REST API and prints a report.
 */
public final class ScenarioRunner {
    private final Scenario scenario;
    private final URI hub;
    private final String broker;
    private final Path caFile;
    private final PrintStream out;

    public ScenarioRunner(Scenario scenario, URI hub, String broker, Path caFile, PrintStream out) {
        this.scenario = scenario;
        this.hub = hub;
        this.broker = broker;
        this.caFile = caFile;
        this.out = out;
    }

    /** One expectation's outcome. */
    public record Check(Scenario.Expectation expectation, boolean passed, String observed) {
    }

    /** The outcome of a run: passed when every expectation held. */
    public record Result(String namespace, List<Check> checks) {
        public boolean passed() {
            return checks.stream().allMatch(Check::passed);
        }
    }

    public Result run() throws Exception {
        String namespace = scenario.name() + "-" + Long.toString(System.currentTimeMillis(), 36) + "-";
        FleetPlan plan = ScenarioFleet.plan(scenario, namespace);
        String city = namespace + "city";
        HubQueries queries = new HubQueries(hub);
        Clock clock = queries.clock();
        double speed = ScaledClock.speedOf(clock);
        if (speed != scenario.speed()) {
            throw new ScenarioException("scenario " + scenario.name() + " runs at speed " + number(scenario.speed()) + " but the hub at "
                    + hub + " runs at speed " + number(speed) + ": start the hub with kioskops.clock.speed=" + number(scenario.speed()));
        }
        HubRegistrar registrar = new HubRegistrar(hub);
        Map<String, String> secrets = registrar.register(plan);
        registrar.declareServiceHours(city, scenario.zone());
        Path state = Files.createTempDirectory("kioskops-scenario-");
        FleetOptions options = FleetOptions.defaults(broker).withSecrets(secrets).withCaFile(caFile)
                .withKeepAlive((int) Math.max(1, Math.round(scenario.keepAliveSeconds() / speed)))
                .withTelemetryInterval(Duration.ofSeconds(Math.max(1, Math.round(scenario.telemetryInterval().toSeconds() / speed))))
                .withActivity(scenario.usage().activity()).withTick(ScaledClock.realOf(clock, scenario.usage().tick()))
                .withSeed(scenario.seed()).withZone(scenario.zone()).withStateDir(state);
        out.printf("Scenario %s: %d kiosks under %s, %d faults, %d expectations, %s%s%n", scenario.name(), plan.kiosks().size(), city,
                scenario.faults().size(), scenario.expectations().size(), hours(scenario.duration()),
                speed == 1.0 ? "" : String.format(" at %.0fx (%s real)", speed, hours(ScaledClock.realOf(clock, scenario.duration()))));
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "scenario-faults");
            t.setDaemon(true);
            return t;
        });
        try (SimulatedFleet fleet = SimulatedFleet.start(plan, options, clock)) {
            awaitOnline(queries, city, plan.kiosks().size());
            FaultInjector faults = new FaultInjector(fleet, scheduler, n -> ScenarioFleet.deviceId(namespace, n), clock);
            Instant start = clock.instant();
            long realStart = System.nanoTime();
            scenario.faults().forEach(faults::schedule);
            CountDownLatch ended = new CountDownLatch(1);
            var progress = scheduler.scheduleAtFixedRate(() -> {
                SimulatedFleet.Snapshot s = fleet.snapshot();
                out.printf("[%s/%s%s] faults %d/%d injected | kiosks %d/%d connected | messages %d created, %d acked, %d queued%n",
                        hours(Duration.between(start, clock.instant())), hours(scenario.duration()),
                        speed == 1.0 ? "" : ", real " + hours(Duration.ofNanos(System.nanoTime() - realStart)), faults.injected(),
                        scenario.faults().size(), s.online(), s.kiosks(), s.created(), s.acked(), s.backlog());
            }, 5, 5, TimeUnit.SECONDS);
            scheduler.schedule(ended::countDown, ScaledClock.realOf(clock, scenario.duration()).toMillis(), TimeUnit.MILLISECONDS);
            ended.await();
            progress.cancel(false);
            List<Check> checks = new ArrayList<>();
            for (Scenario.Expectation e : scenario.expectations()) {
                checks.add(check(e, queries, city, namespace, plan.kiosks().size(), faults));
            }
            Result result = new Result(namespace, checks);
            report(result);
            return result;
        } finally {
            scheduler.shutdownNow();
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** Polls the hub every 500 ms until it shows every kiosk online; fails after 120 s. */
    private void awaitOnline(HubQueries queries, String city, int kiosks) throws Exception {
        CompletableFuture<Void> online = new CompletableFuture<>();
        AtomicLong seen = new AtomicLong();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
        try {
            poller.scheduleWithFixedDelay(() -> {
                try {
                    seen.set(queries.devices(city, "online"));
                    if (seen.get() >= kiosks) {
                        online.complete(null);
                    }
                } catch (IOException e) {
                    // the hub may be busy; the next poll tells
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, 0, 500, TimeUnit.MILLISECONDS);
            online.get(120, TimeUnit.SECONDS);
            out.printf("All %d kiosks online at the hub; injecting faults%n", kiosks);
        } catch (TimeoutException e) {
            throw new IOException("only " + seen.get() + " of " + kiosks + " kiosks came online at the hub within 120 s");
        } finally {
            poller.shutdownNow();
        }
    }

    private Check check(Scenario.Expectation e, HubQueries queries, String city, String namespace, int kiosks, FaultInjector faults)
            throws Exception {
        String device = e.kiosk() == null ? null : ScenarioFleet.deviceId(namespace, e.kiosk());
        switch (e.kind()) {
            case "alert" -> {
                JsonNode alerts = queries.alerts(city, e.type(), device);
                int count = alerts.size();
                Instant first = null;
                for (JsonNode a : alerts) {
                    Instant opened = Instant.parse(a.path("openedAt").asText());
                    first = first == null || opened.isBefore(first) ? opened : first;
                }
                boolean countOk = e.count() == null ? count >= 1 : count == e.count();
                String observed = count + " opened";
                boolean timely = true;
                if (e.within() != null && first != null) {
                    Instant from = e.kiosk() == null ? null : faults.firstFault(e.kiosk());
                    if (from != null) {
                        Duration took = Duration.between(from, first);
                        timely = took.compareTo(e.within()) <= 0;
                        observed += String.format(", the first %s after the fault", took.toSeconds() < 600 ? String.format("%.1f s", took.toMillis() / 1000.0) : hours(took));
                    }
                }
                return new Check(e, countOk && timely, observed);
            }
            case "connection" -> {
                String state = queries.device(device).path("device").path("connection").asText();
                return new Check(e, state.equals(e.type()), state);
            }
            default -> {
                List<String> gaps = new ArrayList<>();
                for (int n = 1; n <= kiosks; n++) {
                    JsonNode sequence = queries.device(ScenarioFleet.deviceId(namespace, n)).path("sequence");
                    if (sequence.path("missing").asLong() > 0) {
                        gaps.add("kiosk " + n + " misses " + sequence.path("missingRanges").asText());
                    }
                }
                return new Check(e, gaps.isEmpty(), gaps.isEmpty() ? "none missing" : String.join("; ", gaps));
            }
        }
    }

    private void report(Result result) {
        out.printf("%nScenario %s: %s%n", scenario.name(), result.passed() ? "PASSED" : "FAILED");
        for (Check c : result.checks()) {
            out.printf("  %s  line %d: %s (observed: %s)%n", c.passed() ? "ok  " : "FAIL", c.expectation().line(), c.expectation().describe(),
                    c.observed());
        }
    }

    /** {@code mm:ss} below an hour, {@code hh:mm:ss} from one. */
    private static String hours(Duration d) {
        long s = d.toSeconds();
        return s < 3600 ? String.format("%02d:%02d", s / 60, s % 60) : String.format("%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
