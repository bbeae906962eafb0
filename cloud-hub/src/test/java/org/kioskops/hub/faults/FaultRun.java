package org.kioskops.hub.faults;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.core.ConditionTimeoutException;
import org.kioskops.hub.support.HubProcess;
import org.kioskops.sim.FleetOptions;
import org.kioskops.sim.FleetPlan;
import org.kioskops.sim.HubRegistrar;
import org.kioskops.sim.SimulatedFleet;
import org.kioskops.testing.MosquittoBroker;
import org.kioskops.testing.TcpProxy;

/**
 * A fault run as an operator would make one: the packaged hub on PostgreSQL, a Mosquitto configured as
 * docs/operations.md says (persistence on, no queue or in-flight limit), simulated kiosks on the real agent code
 * with on-disk outboxes reaching the broker through a proxy that can be cut. Each fault is injected under load,
 * then the run waits until every reading created so far is confirmed, and holds the hub's tables against what the
 * kiosks were told is safe, sequence number by sequence number.
 */
final class FaultRun implements AutoCloseable {
    private static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How big and how long.
     *
     * @param load     load before each fault is injected
     * @param hold     how long a broker, agent or network fault lasts
     * @param freeze   how long the hub stays frozen (SIGSTOP)
     * @param recovery most time allowed for every reading created before the fault's end to be confirmed
     * @param only     the faults to run, by number from 1, comma-separated; blank for all
     */
    record Settings(int kiosks, Duration telemetryInterval, Duration load, Duration hold, Duration freeze, Duration recovery, Path dir,
                    String only) {
        /** From system properties {@code kioskops.faults.*}, with the short defaults CI runs. */
        static Settings fromSystemProperties(Path dir) {
            return new Settings(Integer.getInteger("kioskops.faults.kiosks", 24),
                    Duration.ofMillis(Long.getLong("kioskops.faults.telemetry-millis", 1000)),
                    Duration.ofSeconds(Long.getLong("kioskops.faults.load-seconds", 3)),
                    Duration.ofSeconds(Long.getLong("kioskops.faults.hold-seconds", 4)),
                    Duration.ofSeconds(Long.getLong("kioskops.faults.freeze-seconds", 10)),
                    Duration.ofSeconds(Long.getLong("kioskops.faults.recovery-seconds", 180)), dir,
                    System.getProperty("kioskops.faults.only", ""));
        }
    }

    /**
     * One fault's figures. {@code sent}: readings the kiosks created during the phase; {@code confirmed}: readings
     * confirmed during it; {@code stored}: of those, found in the hub's tables; {@code missing}: confirmed and not
     * stored; {@code duplicateRows}: rows stored twice; {@code redeliveries}: copies the hub recognised and stored
     * once; {@code recoverySeconds}: from the fault's end until every reading created by then was confirmed.
     */
    record Row(String fault, long sent, long confirmed, long stored, long missing, long duplicateRows, long redeliveries,
               double recoverySeconds) {
    }

    /** What the whole run left: every reading ever confirmed held against the tables, and the hub's own count. */
    record Totals(long created, long confirmed, long unconfirmed, long missing, long missingAtHub) {
    }

    private record Fault(String name, Runnable inject, Runnable recover) {
    }

    private final Settings settings;
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final String schema = "kioskops_faults_" + run;
    private final String application = "kioskops-fault-hub-" + run;
    private final String prefix = "fault-" + run + "-";
    private final HttpClient http = HttpClient.newHttpClient();
    private MosquittoBroker broker;
    private TcpProxy network;
    private HubProcess hub;
    private SimulatedFleet fleet;
    private StoredReadings tables;

    private FaultRun(Settings settings) {
        this.settings = settings;
    }

    /** Starts broker, hub and fleet, and waits until every kiosk has a confirmed reading. */
    static FaultRun start(Settings settings) throws Exception {
        FaultRun run = new FaultRun(settings);
        try {
            run.startAll();
        } catch (Exception | Error e) {
            run.close();
            throw e;
        }
        return run;
    }

    private void startAll() throws Exception {
        StoredReadings.createSchema(JDBC, schema);
        tables = new StoredReadings(JDBC, schema, prefix);
        broker = MosquittoBroker.startPersistent(settings.dir().resolve("broker"));
        network = TcpProxy.to(broker.port());
        hub = HubProcess.onPostgres(settings.dir().resolve("hub"),
                JDBC + "?currentSchema=" + schema + "&reWriteBatchedInserts=true&ApplicationName=" + application, schema,
                Map.of("kioskops.mqtt.url", broker.url(), "kioskops.mqtt.client-id", application))
                // a hub restarted among hundreds of kiosks catching up starts slowly on two cores: within the recovery bound
                .readyWithin(settings.recovery()).start();
        FleetPlan plan = FleetPlan.generate(settings.kiosks(), Math.max(1, settings.kiosks() / 10), 42, prefix, run + "-");
        // the simulator's API calls read their token from here; set only while registering, so that it never leaks
        // into another test's calls
        System.setProperty("kioskops.hub-token", HubProcess.TOKEN);
        try {
            new HubRegistrar(hub.baseUri()).register(plan);
        } finally {
            System.clearProperty("kioskops.hub-token");
        }
        fleet = SimulatedFleet.start(plan, FleetOptions.defaults(network.url()).withStateDir(settings.dir().resolve("kiosks"))
                .withTelemetryInterval(settings.telemetryInterval()).withActivity(1.0));
        progress("%d kiosks started on the real agent code; waiting for each one's first confirmed reading", settings.kiosks());
        await("every kiosk has a confirmed reading").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> fleet.ledger().confirmed().values().stream().filter(s -> !s.isEmpty()).count() == settings.kiosks());
    }

    /** Every fault in turn. */
    List<Row> runAll() throws Exception {
        List<Fault> faults = List.of(
                new Fault("broker restarted (SIGTERM, persistence on)", broker::terminate, broker::start),
                new Fault("broker killed (SIGKILL, persistence on)", broker::stop, broker::start),
                new Fault("hub's database connections terminated (6 times, 2 s apart)", this::terminateConnections, () -> { }),
                new Fault("hub killed (SIGKILL) and started again", hub::kill, hub::start),
                new Fault("hub frozen (SIGSTOP " + settings.freeze().toSeconds() + " s)", this::freezeHub, hub::thaw),
                new Fault("agents killed while the broker is down, restarted on their outboxes", this::killAgentsWithBrokerDown,
                        this::restartAgentsAndBroker),
                new Fault("network to the broker cut", network::cut, network::restore));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            // kioskops.faults.only=2,4 runs the second and fourth fault alone, to look into one
            if (settings.only().isBlank() || List.of(settings.only().split(",")).contains(Integer.toString(i + 1))) {
                rows.add(run(faults.get(i)));
            }
        }
        return rows;
    }

    /** Which readings stayed unconfirmed, and whether the hub stored them anyway: where to look when recovery fails. */
    private String stillUnconfirmed(Map<String, Set<Long>> due) throws Exception {
        Map<String, Set<Long>> confirmed = fleet.ledger().confirmed();
        Map<String, Set<Long>> stored = tables.bySequence();
        long missing = 0;
        long storedAnyway = 0;
        List<String> examples = new ArrayList<>();
        for (Map.Entry<String, Set<Long>> e : due.entrySet()) {
            for (long seq : e.getValue()) {
                if (!confirmed.getOrDefault(e.getKey(), Set.of()).contains(seq)) {
                    missing++;
                    boolean there = stored.getOrDefault(e.getKey(), Set.of()).contains(seq);
                    storedAnyway += there ? 1 : 0;
                    if (examples.size() < 10) {
                        examples.add(e.getKey() + " seq " + seq + (there ? " (stored)" : " (not stored)"));
                    }
                }
            }
        }
        return String.format("%,d readings still unconfirmed after %d s, %,d of them stored by the hub; for example %s", missing,
                settings.recovery().toSeconds(), storedAnyway, examples);
    }

    private Row run(Fault fault) throws Exception {
        progress("%s: %d s of load, then the fault for %d s", fault.name(), settings.load().toSeconds(), settings.hold().toSeconds());
        Map<String, Set<Long>> confirmedBefore = fleet.ledger().confirmed();
        long createdBefore = fleet.ledger().createdCount();
        long redeliveriesBefore = redeliveries();
        pace(settings.load());
        fault.inject().run();
        pace(settings.hold());
        fault.recover().run();
        Map<String, Set<Long>> due = fleet.ledger().created();
        long recoveredFrom = System.nanoTime();
        try {
            await(fault.name() + ": every reading created by the fault's end confirmed").atMost(settings.recovery())
                    .pollInterval(Duration.ofMillis(200)).until(() -> fleet.ledger().unconfirmed(due) == 0);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(fault.name() + ": " + stillUnconfirmed(due), e);
        }
        double recovery = (System.nanoTime() - recoveredFrom) / 1e9;
        Map<String, Set<Long>> confirmedNow = fleet.ledger().confirmed();
        Map<String, Set<Long>> stored = tables.bySequence();
        long confirmed = 0;
        long found = 0;
        for (Map.Entry<String, Set<Long>> e : confirmedNow.entrySet()) {
            Set<Long> inPhase = new HashSet<>(e.getValue());
            inPhase.removeAll(confirmedBefore.getOrDefault(e.getKey(), Set.of()));
            confirmed += inPhase.size();
            Set<Long> there = stored.getOrDefault(e.getKey(), Set.of());
            found += inPhase.stream().filter(there::contains).count();
        }
        long redeliveries = redeliveries();
        Row row = new Row(fault.name(), fleet.ledger().createdCount() - createdBefore, confirmed, found, confirmed - found,
                tables.duplicateRows(), redeliveries >= redeliveriesBefore ? redeliveries - redeliveriesBefore : redeliveries, recovery);
        progress("%s: recovered in %.1f s; %,d readings sent, %,d confirmed, %d of them missing", fault.name(), recovery, row.sent(),
                row.confirmed(), row.missing());
        return row;
    }

    /** A line of progress on the console, for a run that takes minutes. */
    private static void progress(String format, Object... args) {
        System.out.printf(Locale.ROOT, "fault-run: " + format + "%n", args);
    }

    /** Stops the kiosks cleanly (they drain their outboxes) and holds every confirmed reading against the tables. */
    Totals finish() throws Exception {
        progress("stopping the kiosks (each drains its outbox) and checking the whole run");
        fleet.stop(Duration.ofSeconds(30));
        Map<String, Set<Long>> confirmed = fleet.ledger().confirmed();
        Map<String, Set<Long>> stored = tables.bySequence();
        long missing = 0;
        for (Map.Entry<String, Set<Long>> e : confirmed.entrySet()) {
            Set<Long> there = stored.getOrDefault(e.getKey(), Set.of());
            missing += e.getValue().stream().filter(seq -> !there.contains(seq)).count();
        }
        // the hub writes a quiet device's counts within a second; give it a few, then report what it says
        long[] atHub = {-1};
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> (atHub[0] = tables.missingAtHub()) == 0);
        } catch (ConditionTimeoutException e) {
            System.out.println("Numbers the hub counts as missing, by device: " + tables.missingRangesAtHub());
        }
        return new Totals(fleet.ledger().createdCount(), fleet.ledger().confirmedCount(), fleet.ledger().unconfirmed(fleet.ledger().created()),
                missing, atHub[0]);
    }

    /** The figures as a Markdown table, with the run's size. */
    String table(List<Row> rows, Totals totals) {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "%d kiosks, telemetry every %d ms plus simulated residents' events, %d s of load before each "
                        + "fault, faults held %d s (hub frozen %d s)%n%n", settings.kiosks(), settings.telemetryInterval().toMillis(),
                settings.load().toSeconds(), settings.hold().toSeconds(), settings.freeze().toSeconds()));
        t.append("| fault | sent | confirmed | stored | missing | duplicate rows | redeliveries absorbed | recovery s |\n");
        t.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            t.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %d | %d | %,d | %.1f |%n", r.fault(), r.sent(), r.confirmed(),
                    r.stored(), r.missing(), r.duplicateRows(), r.redeliveries(), r.recoverySeconds()));
        }
        t.append(String.format(Locale.ROOT, "%nWhole run: %,d readings created, %,d confirmed (%d never), %d confirmed and not stored; "
                + "the hub's own count of missing numbers at the end: %d%n", totals.created(), totals.confirmed(), totals.unconfirmed(),
                totals.missing(), totals.missingAtHub()));
        return t.toString();
    }

    private void terminateConnections() {
        for (int i = 0; i < 6; i++) {
            try {
                tables.terminateConnections(application);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot terminate the hub's connections", e);
            }
            if (i < 5) {
                pace(Duration.ofSeconds(2));
            }
        }
    }

    private void freezeHub() {
        hub.freeze();
        pace(settings.freeze().minus(settings.hold()).isNegative() ? Duration.ZERO : settings.freeze().minus(settings.hold()));
    }

    private void killAgentsWithBrokerDown() {
        broker.terminate();
        // the kiosks keep reading while the broker is away, into their outboxes, until their agents die
        pace(settings.hold());
        fleet.deviceIds().forEach(fleet::kill);
    }

    private void restartAgentsAndBroker() {
        broker.start();
        fleet.deviceIds().forEach(fleet::restart);
    }

    /** Redeliveries the running hub recognised since it started. */
    private long redeliveries() throws Exception {
        HttpResponse<String> stats = http.send(HttpRequest.newBuilder(hub.uri("/api/ingest/stats"))
                .header("Authorization", "Bearer " + HubProcess.TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        long sum = 0;
        for (JsonNode count : JSON.readTree(stats.body()).path("duplicates")) {
            sum += count.asLong();
        }
        return sum;
    }

    /** Lets the fleet run for {@code duration}: the length of a load phase or of a fault, not a wait for an event. */
    private static void pace(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        for (long left = duration.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    @Override
    public void close() {
        if (fleet != null) {
            fleet.close();
        }
        if (hub != null) {
            hub.close();
        }
        if (network != null) {
            network.close();
        }
        if (broker != null) {
            broker.close();
        }
        try {
            if (tables != null) {
                tables.close();
            }
        } catch (SQLException e) {
            // the run is over
        }
        if (!Boolean.getBoolean("kioskops.faults.keep-schema")) {
            StoredReadings.dropSchema(JDBC, schema);
        }
    }
}
