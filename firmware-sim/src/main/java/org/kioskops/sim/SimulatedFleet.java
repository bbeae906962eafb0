package org.kioskops.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.kioskops.agent.AgentStats;
import org.kioskops.agent.KioskAgent;
import org.kioskops.agent.coap.CoapUplink;
import org.kioskops.agent.config.AgentConfig;
import org.kioskops.agent.config.MqttSettings;
import org.kioskops.agent.config.TelemetrySettings;
import org.kioskops.agent.config.UpdateSettings;
import org.kioskops.agent.hardware.sim.SimulatedKiosk;
import org.kioskops.agent.lifecycle.FileRunHistory;
import org.kioskops.agent.lifecycle.MemoryRunHistory;
import org.kioskops.agent.mqtt.PahoUplink;
import org.kioskops.agent.outbox.FileOutbox;
import org.kioskops.agent.outbox.MemoryOutbox;
import org.kioskops.agent.sequence.FileSequenceStore;
import org.kioskops.agent.sequence.MemorySequenceStore;
import org.kioskops.agent.sequence.SequenceStore;
import org.kioskops.protocol.Status;
import org.kioskops.protocol.time.ScaledClock;

/**
 * Many kiosks in one process, each the real {@link KioskAgent} with simulated hardware and its own MQTT
 * connection, driven by a {@link KioskBehaviour}.
 */
public final class SimulatedFleet implements AutoCloseable {
    private final FleetPlan plan;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final ScheduledExecutorService uplinks;
    private final ScheduledExecutorService ticks;
    private final KioskBehaviour.Totals totals = new KioskBehaviour.Totals();
    private final FleetLedger ledger = new FleetLedger();
    private final List<ScheduledFuture<?>> behaviourTasks = new ArrayList<>();

    /** One kiosk: its hardware stays across power cuts and restarts; its agent is replaced. */
    private static final class Member {
        final FleetPlan.KioskPlan plan;
        final SimulatedKiosk kiosk;
        final KioskBehaviour behaviour;
        final Random random;
        final SequenceStore memorySequence;
        final SeverableNetwork network = new SeverableNetwork();
        final SimulatedInstaller installer;
        Path updateDir;
        volatile KioskAgent agent;

        Member(FleetPlan.KioskPlan plan, SimulatedKiosk kiosk, KioskBehaviour behaviour, Random random, SequenceStore memorySequence,
               FleetOptions.Updates updates) {
            this.plan = plan;
            this.kiosk = kiosk;
            this.behaviour = behaviour;
            this.random = random;
            this.memorySequence = memorySequence;
            this.installer = new SimulatedInstaller(updates.agentVersion(), updates.failureRate(), new Random(random.nextLong()));
        }
    }

    private final FleetOptions options;
    private final Clock clock;
    /** Restarts after updates, off the agents' own threads (which the stop ends). */
    private final ExecutorService restarts;

    private SimulatedFleet(FleetPlan plan, FleetOptions options, Clock clock) {
        this.plan = plan;
        this.options = options;
        this.clock = clock;
        this.uplinks = Executors.newScheduledThreadPool(2, daemon("fleet-uplinks"));
        this.ticks = Executors.newSingleThreadScheduledExecutor(daemon("fleet-behaviour"));
        this.restarts = Executors.newSingleThreadExecutor(daemon("fleet-restarts"));
        Random seeds = new Random(options.seed());
        for (FleetPlan.KioskPlan k : plan.kiosks()) {
            Random random = new Random(seeds.nextLong());
            SimulatedKiosk kiosk = new SimulatedKiosk(clock, random, k.banks(), k.healthStation());
            KioskBehaviour behaviour = new KioskBehaviour(kiosk, random, clock, options.zone(), options.activity(), totals);
            behaviour.prefill(options.prefill());
            Member m = new Member(k, kiosk, behaviour, random, options.stateDir() == null ? new MemorySequenceStore(0) : null,
                    options.updates());
            m.agent = newAgent(m, clock);
            members.put(k.deviceId(), m);
        }
        for (Member m : members.values()) {
            m.agent.start();
            long tickMillis = options.tick().toMillis();
            behaviourTasks.add(ticks.scheduleAtFixedRate(m.behaviour::tick, 1 + (long) (seeds.nextDouble() * tickMillis),
                    tickMillis, TimeUnit.MILLISECONDS));
        }
    }

    /**
     * A new agent for a kiosk, as the box starts one after power-up. With a state directory it keeps its
     * sequence numbers, outbox and run history on disk, exactly as on a box; without one they live in memory
     * and an outbox does not survive a power cut.
     */
    private KioskAgent newAgent(Member m, Clock agentClock) {
        FleetPlan.KioskPlan k = m.plan;
        // reconnect backoff capped at 30 s of the fleet's clock (a real second at least): a fast clock must not
        // turn a retry into hours of simulated absence
        long maxBackoff = Math.max(1000, Math.round(30_000 / ScaledClock.speedOf(clock)));
        MqttSettings mqtt = new MqttSettings(options.brokerUrl(), k.deviceId(), options.keepAliveSeconds(), 3600L, 10, 500L, maxBackoff, null,
                null, options.secrets().get(k.deviceId()), null, options.caFile(), null, null);
        FleetOptions.ClientCertificate certificate = options.certificates().get(k.deviceId());
        if (certificate != null) {
            mqtt = mqtt.withCertificate(certificate.certificate(), certificate.key(), options.caFile());
        }
        FleetOptions.Updates updates = options.updates();
        AgentConfig config = new AgentConfig(k.deviceId(), k.hardwareModel(),
                options.stateDir() == null ? null : options.stateDir().resolve(k.deviceId()), mqtt,
                new TelemetrySettings((int) Math.max(1, options.telemetryInterval().toSeconds()), 100), null, null, null,
                new UpdateSettings(updates.releaseKeyFile(), null, (int) Math.max(1, updates.healthCheck().toSeconds()), 3, 1));
        boolean durable = options.stateDir() != null;
        SequenceStore sequence = durable ? new FileSequenceStore(config.stateDir().resolve("sequence")) : m.memorySequence;
        KioskAgent agent = new KioskAgent(config, m.kiosk.hardware(),
                options.brokerUrl().startsWith("coaps://")
                        ? new CoapUplink(k.deviceId(), mqtt, uplinks, new Random(m.random.nextLong()))
                        : new PahoUplink(k.deviceId(), k.deviceId(), mqtt, uplinks, new Random(m.random.nextLong()), m.network),
                durable ? new FileOutbox(config.stateDir().resolve("outbox"), config.outbox()) : new MemoryOutbox(10_000),
                sequence, durable ? new FileRunHistory(config.stateDir().resolve("run-state")) : new MemoryRunHistory(), agentClock,
                m.installer.activeVersion().orElseThrow(), durable ? config.stateDir().resolve("desired-config.json") : null);
        agent.enableUpdates(m.installer, () -> restarts.execute(() -> restartInto(m, agentClock)), null, updateDir(m, config));
        agent.watch(ledger.listenerFor(k.deviceId()));
        return agent;
    }

    /** As systemd restarts the agent after an update: a clean stop, then the version now active. */
    private void restartInto(Member m, Clock agentClock) {
        m.agent.stop(Status.StatusReason.RESTART, Duration.ofSeconds(5));
        m.agent = newAgent(m, agentClock);
        m.agent.start();
    }

    private Path updateDir(Member m, AgentConfig config) {
        if (options.stateDir() != null) {
            return config.stateDir().resolve("update");
        }
        try {
            // kept on disk even without a state directory: the journal must outlive the restart into a new version
            return m.updateDir != null ? m.updateDir : (m.updateDir = Files.createTempDirectory("kioskops-sim-update-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Powers a killed kiosk up again: a new agent on the same hardware and state, which tells the hub its
     * last run ended uncleanly. A kiosk still running is killed first.
     */
    public void restart(String deviceId) {
        restart(deviceId, clock);
    }

    /** The kiosk's network: cut it to take the box off the broker (tcp:// brokers only), restore it to let it back. */
    public SeverableNetwork network(String deviceId) {
        return member(deviceId).network;
    }

    /** The kiosk's screen fails (no signal) or is repaired; the simulated residents' schedule respects it. */
    public void screenFailed(String deviceId, boolean failed) {
        member(deviceId).behaviour.screenFailed(failed);
    }

    /** Restarts a kiosk with its own clock, for a box whose clock is off. */
    public void restart(String deviceId, Clock agentClock) {
        Member m = member(deviceId);
        m.agent.kill();
        m.kiosk.system().reboot();
        m.agent = newAgent(m, agentClock);
        m.agent.start();
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Starts every kiosk of {@code plan}; they connect in the background. */
    public static SimulatedFleet start(FleetPlan plan, FleetOptions options) {
        return start(plan, options, Clock.systemUTC());
    }

    /**
     * Starts every kiosk on {@code clock}: tests give the kiosks the hub's controlled clock (or one that runs
     * ahead, for a skewed device clock).
     */
    public static SimulatedFleet start(FleetPlan plan, FleetOptions options, Clock clock) {
        return new SimulatedFleet(plan, options, clock);
    }

    public FleetPlan plan() {
        return plan;
    }

    /** The simulated hardware of one kiosk, for tests and fault injection. */
    public SimulatedKiosk kiosk(String deviceId) {
        return member(deviceId).kiosk;
    }

    /** The agent of one kiosk. */
    public KioskAgent agent(String deviceId) {
        return member(deviceId).agent;
    }

    private Member member(String deviceId) {
        Member m = members.get(deviceId);
        if (m == null) {
            throw new IllegalArgumentException("no simulated kiosk " + deviceId);
        }
        return m;
    }

    /**
     * Stops all simulated activity (the kiosks stay connected and keep reporting), so that a test can
     * compare what the hub shows with what the kiosks hold.
     */
    public void pauseActivity() {
        behaviourTasks.forEach(t -> t.cancel(false));
        try {
            ticks.submit(() -> { }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("behaviour did not settle", e);
        }
    }

    /** Every running kiosk takes a telemetry sample now. */
    public void sampleAll() {
        members.values().forEach(m -> m.agent.sampleNow());
    }

    /** Cuts one kiosk's power: no goodbye, the broker publishes its will. */
    public void kill(String deviceId) {
        member(deviceId).agent.kill();
    }

    /** Hangs one kiosk's agent: it stops sending while its connection stays up (see {@link KioskAgent#freeze()}). */
    public void freeze(String deviceId) {
        member(deviceId).agent.freeze();
    }

    /** Every reading the kiosks created and the ones they were told are safe. */
    public FleetLedger ledger() {
        return ledger;
    }

    /** Device ids of every kiosk, in plan order. */
    public List<String> deviceIds() {
        return List.copyOf(members.keySet());
    }

    /** Counts across the fleet now. */
    public Snapshot snapshot() {
        long online = 0;
        long created = 0;
        long acked = 0;
        long confirmed = 0;
        long failures = 0;
        long backlog = 0;
        long[] latency = AgentStats.newLatencyCounts();
        for (Member m : members.values()) {
            AgentStats s = m.agent.stats();
            s.addAckLatencies(latency);
            online += m.agent.isConnected() ? 1 : 0;
            created += s.created();
            acked += s.acknowledged();
            confirmed += s.confirmed();
            failures += s.publishFailures();
            backlog += m.agent.backlog();
        }
        return new Snapshot(members.size(), online, created, acked, confirmed, failures, backlog, totals.deposits.sum(),
                totals.collections.sum(), totals.sessions.sum(), totals.healthChecks.sum(),
                AgentStats.ackLatencyQuantileMillis(latency, 0.5), AgentStats.ackLatencyQuantileMillis(latency, 0.99));
    }

    /** Stops every kiosk cleanly, in parallel: queued data sent, offline status published. */
    public void stop(Duration timeoutPerKiosk) {
        ticks.shutdownNow();
        ExecutorService stopper = Executors.newFixedThreadPool(Math.min(32, Math.max(1, members.size())));
        List<Member> all = List.copyOf(members.values());
        for (Member m : all) {
            stopper.execute(() -> m.agent.stop(Status.StatusReason.SHUTDOWN, timeoutPerKiosk));
        }
        stopper.shutdown();
        try {
            stopper.awaitTermination(timeoutPerKiosk.toMillis() + 15_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        uplinks.shutdownNow();
        restarts.shutdownNow();
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

    /**
     * Fleet-wide counts.
     *
     * @param created  messages the agents created
     * @param acked    messages the broker acknowledged
     * @param confirmed messages the hub's receipts confirmed as stored
     * @param failures publish attempts that failed and were retried
     * @param backlog  messages waiting in the agents' outboxes
     * @param ackP50Millis median time from publish to the broker's acknowledgement, upper bucket bound (NaN: none yet)
     * @param ackP99Millis its 99th percentile
     */
    public record Snapshot(long kiosks, long online, long created, long acked, long confirmed, long failures, long backlog,
                           long deposits, long collections, long sessions, long healthChecks, double ackP50Millis, double ackP99Millis) {
    }
}
