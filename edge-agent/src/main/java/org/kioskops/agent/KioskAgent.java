package org.kioskops.agent;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.kioskops.agent.config.AgentConfig;
import org.kioskops.agent.hardware.EventSource;
import org.kioskops.agent.hardware.Hardware;
import org.kioskops.agent.hardware.LockerBank;
import org.kioskops.agent.lifecycle.RunHistory;
import org.kioskops.agent.lifecycle.ServiceManager;
import org.kioskops.agent.local.AgentStatus;
import org.kioskops.agent.local.ComponentCheck;
import org.kioskops.agent.outbox.Outbox;
import org.kioskops.agent.sequence.SequenceStore;
import org.kioskops.agent.twin.LogLevels;
import org.kioskops.agent.twin.RemoteConfig;
import org.kioskops.agent.update.AgentHealth;
import org.kioskops.agent.update.Installer;
import org.kioskops.agent.update.Restarter;
import org.kioskops.agent.uplink.OutboundMessage;
import org.kioskops.agent.uplink.Uplink;
import org.kioskops.protocol.Birth;
import org.kioskops.protocol.DesiredConfig;
import org.kioskops.protocol.DeviceEvent;
import org.kioskops.protocol.KioskSettings;
import org.kioskops.protocol.Limits;
import org.kioskops.protocol.ProtocolCodec;
import org.kioskops.protocol.Status;
import org.kioskops.protocol.TelemetrySample;
import org.kioskops.protocol.Topics;
import org.kioskops.protocol.time.ScaledClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kiosk's agent: announces the box on every connection (birth, then retained online status, with the
 * offline status registered as the will), samples telemetry on an interval, reports events as they
 * happen, and keeps every message in the outbox until the broker acknowledges it. When it has sent nothing
 * for a keep-alive interval it sends a heartbeat, so that the hub can tell it from a silent box.
 */
public final class KioskAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KioskAgent.class);

    private final AgentConfig config;
    private final Hardware hardware;
    private final Uplink uplink;
    private final SequenceStore sequence;
    private final Sessions sessions;
    private final Clock clock;
    private final String agentVersion;
    private final AgentStats stats = new AgentStats();
    private final MessageFactory messages;
    private final TelemetryCollector collector;
    private final Publisher publisher;
    private final Outbox outbox;
    /** Confined to the loop. */
    private final OverflowReport overflow;
    private final ScheduledExecutorService loop;
    private final EventBatcher events;
    private ScheduledFuture<?> telemetryTask;
    /** The telemetry interval and event window in force: the local configuration's, or the hub's settings. */
    private int telemetryIntervalSeconds;
    private int eventFlushMillis;
    private volatile int keepAliveSeconds;
    private final RemoteConfig remote;
    private final Path settingsFile;
    private final ScreenDuty screenDuty;
    private final HubOrders orders;
    private ScheduledFuture<?> heartbeatTask;
    private final RunHistory runHistory;
    private Instant startedAt;
    private Birth.LastStop lastStop;
    /** {@link System#nanoTime()} when the last message was queued; confined to the loop. */
    private long lastQueuedNanos = System.nanoTime();
    private boolean stopped;
    /** A hung agent, for fault injection: it sends nothing, while its MQTT connection stays up. */
    private boolean frozen;
    private final AtomicBoolean terminated = new AtomicBoolean();
    private volatile DeliveryListener delivery;

    /** An agent that keeps the hub's settings in memory only (tests, simulations without state). */
    public KioskAgent(AgentConfig config, Hardware hardware, Uplink uplink, Outbox outbox, SequenceStore sequence,
                      RunHistory runHistory, Clock clock, String agentVersion) {
        this(config, hardware, uplink, outbox, sequence, runHistory, clock, agentVersion, null);
    }

    /** @param settingsFile where the hub's settings in force are kept across restarts, or null to keep them in memory */
    public KioskAgent(AgentConfig config, Hardware hardware, Uplink uplink, Outbox outbox, SequenceStore sequence,
                      RunHistory runHistory, Clock clock, String agentVersion, Path settingsFile) {
        this.config = config;
        this.runHistory = runHistory;
        this.hardware = hardware;
        this.uplink = uplink;
        this.sequence = sequence;
        this.sessions = new Sessions(sequence);
        this.clock = clock;
        this.agentVersion = agentVersion;
        // a stopped or killed agent's MQTT client may still call back from its own threads: their tasks are dropped
        this.loop = new ScheduledThreadPoolExecutor(1, HubOrders.daemon("agent-" + config.deviceId()), new ThreadPoolExecutor.DiscardPolicy());
        this.messages = new MessageFactory(config.deviceId(), sequence, clock, new ProtocolCodec(), stats);
        this.collector = new TelemetryCollector(config.deviceId(), hardware, clock, stats);
        this.screenDuty = new ScreenDuty(config.deviceId(), hardware.screen());
        this.outbox = outbox;
        this.overflow = new OverflowReport(config.deviceId(), config.outbox().maxMessages(), outbox.dropped(), clock);
        this.publisher = new Publisher(config.deviceId(), uplink, outbox, loop, stats, new Publisher.Policy(config.outbox().confirmation(),
                Duration.ofSeconds(config.outbox().receiptTimeoutSeconds()), config.outbox().maxUnconfirmed(),
                config.outbox().replayPerSecond(), Duration.ofSeconds(30)));
        this.telemetryIntervalSeconds = config.telemetry().intervalSeconds();
        this.eventFlushMillis = config.telemetry().eventFlushMillis();
        this.keepAliveSeconds = config.mqtt().keepAliveSeconds();
        this.settingsFile = settingsFile;
        this.remote = new RemoteConfig(config.deviceId(), settingsFile,
                hardware.lockerBanks().stream().map(LockerBank::describe).toList(), this::apply);
        AgentDiagnostics diagnostics = new AgentDiagnostics(config, agentVersion, hardware, stats, publisher, remote, settingsFile,
                () -> startedAt, () -> telemetryIntervalSeconds);
        this.orders = new HubOrders(config.deviceId(), hardware, clock, diagnostics, messages, this::queueFromLoop);
        this.events = new EventBatcher(loop, () -> eventFlushMillis, () -> frozen, batch -> queue(messages.events(batch)));
    }

    /** Queues what {@code message} makes on the loop (which numbers messages), unless the agent has stopped. */
    private CompletableFuture<Void> queueFromLoop(Supplier<OutboundMessage> message) {
        try {
            return CompletableFuture.runAsync(() -> {
                if (!stopped) {
                    queue(message.get());
                }
            }, loop);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Puts the hub's settings into effect; a setting they leave out takes the local configuration's value. */
    private void apply(DesiredConfig desired) {
        KioskSettings.Telemetry t = desired.settings().telemetry();
        int interval = t != null && t.intervalSeconds() != null ? t.intervalSeconds() : config.telemetry().intervalSeconds();
        eventFlushMillis = t != null && t.eventFlushMillis() != null ? t.eventFlushMillis() : config.telemetry().eventFlushMillis();
        if (interval != telemetryIntervalSeconds) {
            telemetryIntervalSeconds = interval;
            if (telemetryTask != null) {
                telemetryTask.cancel(false);
                telemetryTask = loop.scheduleAtFixedRate(this::sampleTelemetry, interval, interval, TimeUnit.SECONDS);
            }
        }
        LogLevels.set(desired.settings().logLevel());
        KioskSettings.Heartbeat h = desired.settings().heartbeat();
        int keepAlive = h != null && h.keepAliveSeconds() != null ? h.keepAliveSeconds() : config.mqtt().keepAliveSeconds();
        if (keepAlive != keepAliveSeconds) {
            keepAliveSeconds = keepAlive;
            uplink.keepAliveForNextConnection(keepAlive);
            if (heartbeatTask != null) {
                // the hub judges silence by the keep-alive of the latest birth: announce the new one before heartbeats thin out
                announceBirth();
                heartbeatTask.cancel(false);
                scheduleHeartbeat();
            }
        }
        screenDuty.schedule(desired.settings().screenSchedule());
        enforceScreenSchedule();
    }

    private void enforceScreenSchedule() {
        if (!stopped) {
            screenDuty.enforce(clock.instant());
        }
    }

    /** Checked four times per keep-alive, so at most 1.25 keep-alives pass between two messages. */
    private void scheduleHeartbeat() {
        long quarter = keepAliveSeconds * 1000L / 4;
        heartbeatTask = loop.scheduleAtFixedRate(this::heartbeatIfIdle, quarter, quarter, TimeUnit.MILLISECONDS);
    }

    /** The birth of the current connection again, with what changed (the keep-alive); nothing while offline. */
    private void announceBirth() {
        long current = sessions.announced();
        if (current >= 0 && uplink.isConnected()) {
            queue(messages.birth(current, runFacts(), hardware.inventory()));
        }
    }

    private MessageFactory.RunFacts runFacts() {
        // the hub judges silence by its own clock: under a simulator's fast clock, the keep-alive in its seconds
        long declared = Math.round(keepAliveSeconds * ScaledClock.speedOf(clock));
        return new MessageFactory.RunFacts(agentVersion, config.hardwareModel(), hardware.system().bootedAt().orElse(null), startedAt,
                lastStop, (int) Math.min(declared, Limits.MAX_KEEP_ALIVE_SECONDS), publisher.wantsReceipts());
    }

    /** The heartbeat keep-alive in force, in seconds. */
    public int keepAliveSeconds() {
        return keepAliveSeconds;
    }

    /** The telemetry interval in force, in seconds. */
    public int telemetryIntervalSeconds() {
        return telemetryIntervalSeconds;
    }

    /** Starts reporting; connection happens in the background. */
    public void start() {
        LOG.info("{} starting agent {} (model {}), broker {}", config.deviceId(), agentVersion, config.hardwareModel(),
                config.mqtt().url());
        startedAt = clock.instant();
        lastStop = runHistory.begin();
        if (lastStop == Birth.LastStop.UNCLEAN) {
            LOG.warn("{} did not stop cleanly last time (power cut, crash or kill); the hub is told at connection", config.deviceId());
        }
        for (EventSource source : hardware.eventSources()) {
            source.onEvent(this::onEvent);
        }
        hardware.screen().ifPresent(screen -> screen.watch(this::screenChanged));
        remote.restore();
        loop.scheduleAtFixedRate(this::enforceScreenSchedule, 1, 30, TimeUnit.SECONDS);
        long interval = telemetryIntervalSeconds;
        telemetryTask = loop.scheduleAtFixedRate(this::sampleTelemetry, interval, interval, TimeUnit.SECONDS);
        // checked four times per keep-alive, so at most 1.25 keep-alives pass between two messages
        scheduleHeartbeat();
        orders.start();
        uplink.start(new Connection());
    }

    /**
     * Lets the agent carry out the hub's update orders (docs/updates.md), with updates kept in {@code dir};
     * call before {@link #start()}.
     */
    public void enableUpdates(Installer installer, Restarter restarter,
                              HttpClient http, Path dir) {
        orders.enableUpdates(config.update(), dir, installer, hardware, agentVersion,
                () -> AgentHealth.problem(uplink::isConnected, hardware), restarter, http);
    }

    /** Takes one telemetry sample now, in addition to the interval. */
    public void sampleNow() {
        loop.execute(this::sampleTelemetry);
    }

    private void sampleTelemetry() {
        if (!stopped && !frozen) {
            TelemetrySample sample = collector.collect();
            screenDuty.reported(sample);
            queue(messages.telemetry(sample));
        }
    }

    /** A dark screen is what residents notice first: a change is reported at once, not at the next interval. */
    private void screenChanged() {
        try {
            loop.execute(this::sampleIfScreenChanged);
        } catch (RejectedExecutionException e) {
            // the agent is going down; the next one reports the screen
        }
    }

    private void sampleIfScreenChanged() {
        if (screenDuty.changedSinceReport()) {
            sampleTelemetry();
        }
    }

    /** Tells {@code listener} what becomes of every data message (for the simulator's sequence checks); call before {@link #start()}. */
    public void watch(DeliveryListener listener) {
        this.delivery = listener;
        publisher.onConfirmed(listener::confirmed);
    }

    /** Messages the outbox dropped because it was full, in its lifetime (for a durable outbox, since install). */
    public long outboxDropped() {
        return publisher.dropped();
    }

    private void heartbeatIfIdle() {
        sampleIfScreenChanged();
        long idle = System.nanoTime() - lastQueuedNanos;
        // only while connected: a heartbeat delivered late proves nothing, so none waits in the outbox
        if (!stopped && !frozen && uplink.isConnected() && idle >= TimeUnit.SECONDS.toNanos(keepAliveSeconds)) {
            queue(messages.heartbeat(sessions.announced()));
        }
    }

    private void queue(OutboundMessage message) {
        if (frozen) {
            // a hung agent answers nothing either: commands and updates go unreported, as on a box whose loop is stuck
            return;
        }
        lastQueuedNanos = System.nanoTime();
        publisher.enqueue(message);
        if (delivery != null) {
            delivery.queued(message);
        }
        overflow.check(publisher.dropped(), publisher.backlog(), uplink.isConnected()).ifPresent(this::onEvent);
    }

    private void onEvent(DeviceEvent event) {
        loop.execute(() -> {
            if (!stopped) {
                events.add(event);
            }
        });
    }

    /**
     * Stops cleanly: sends what is queued (up to {@code timeout}), publishes the retained offline status
     * with {@code reason}, and disconnects so that the broker does not publish the will.
     */
    public void stop(Status.StatusReason reason, Duration timeout) {
        if (!terminated.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<Void> drained = submit(() -> {
            stopped = true;
            if (telemetryTask != null) {
                telemetryTask.cancel(false);
            }
            if (heartbeatTask != null) {
                heartbeatTask.cancel(false);
            }
            events.flush();
        }).thenCompose(v -> publisher.drained());
        await(drained, timeout, "queued messages");
        CompletableFuture<Void> offline = submit(() -> { })
                .thenCompose(v -> publisher.sendFirst(messages.status(sessions.lastAttempt(), Status.ConnectionState.OFFLINE, reason)));
        await(offline, Duration.ofSeconds(5), "offline status");
        uplink.disconnect(Duration.ofSeconds(5));
        shutdown();
        runHistory.endCleanly();
        LOG.info("{} stopped ({}), {} messages left in the outbox", config.deviceId(), reason.wire(), publisher.backlog());
    }

    /**
     * Hangs, as an agent stuck in a deadlock would: it stops sending anything (events wait in memory) while the
     * MQTT client keeps the connection alive, so only the hub's silence detection can tell. For simulation.
     */
    public void freeze() {
        loop.execute(() -> frozen = true);
        orders.freeze();
    }

    /**
     * Dies abruptly, as on a power cut or kill -9: no offline status, no MQTT DISCONNECT, so the broker
     * publishes the will.
     */
    public void kill() {
        if (!terminated.compareAndSet(false, true)) {
            return;
        }
        submit(() -> stopped = true);
        uplink.abort();
        shutdown();
    }

    @Override
    public void close() {
        stop(Status.StatusReason.SHUTDOWN, Duration.ofSeconds(5));
    }

    private void shutdown() {
        for (EventSource source : hardware.eventSources()) {
            source.onEvent(null);
        }
        hardware.screen().ifPresent(screen -> screen.watch(null));
        loop.shutdownNow();
        orders.shutdown();
        try {
            loop.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        outbox.close();
        sequence.close();
    }

    private CompletableFuture<Void> submit(Runnable task) {
        return CompletableFuture.runAsync(task, loop);
    }

    private void await(CompletableFuture<Void> future, Duration timeout, String what) {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("{} stopping without waiting longer for {}", config.deviceId(), what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("{} {} failed: {}", config.deviceId(), what, e.getCause().toString());
        }
    }

    /** What the agent sees now, for the local status endpoint; callable from any thread. */
    public AgentStatus status() {
        return new AgentStatus(config.deviceId(), agentVersion, config.mqtt().url(), uplink.isConnected(),
                stats.lastConnectionProblem(), stats.connects(), publisher.backlog(), publisher.dropped(), stats.created(),
                stats.acknowledged(), remote.activeVersion().orElse(null),
                ComponentCheck.check(hardware, config.hardware()));
    }

    /**
     * Sends the service manager's watchdog keep-alive from the agent's own loop, at half its interval, so
     * that a hung loop (not merely a live process) gets the agent restarted.
     */
    public void watchedBy(ServiceManager manager) {
        manager.watchdogInterval().ifPresent(interval -> {
            long half = Math.max(1, interval.toMillis() / 2);
            loop.scheduleAtFixedRate(manager::watchdog, 0, half, TimeUnit.MILLISECONDS);
        });
    }

    /** This agent's counters. */
    public AgentStats stats() {
        return stats;
    }

    /** Whether the agent is connected to the broker now. */
    public boolean isConnected() {
        return uplink.isConnected();
    }

    /** Messages waiting to be acknowledged. */
    public int backlog() {
        return publisher.backlog();
    }

    public String deviceId() {
        return config.deviceId();
    }

    /** Uplink callbacks, handed over to the agent's loop. */
    private final class Connection implements Uplink.ConnectionHandler {
        private final ReceiptIntake receipts = new ReceiptIntake(config.deviceId(), sequence::epoch, publisher::receipt);

        @Override
        public OutboundMessage willForNextConnection() {
            // called on the uplink's thread before each attempt
            return messages.will(sessions.reserveForAttempt());
        }

        @Override
        public void connected(boolean sessionPresent) {
            long thisSession = sessions.connected();
            stats.connects.increment();
            loop.execute(() -> {
                lastQueuedNanos = System.nanoTime();
                publisher.sendFirst(messages.birth(thisSession, runFacts(), hardware.inventory()));
                publisher.sendFirst(messages.status(thisSession, Status.ConnectionState.ONLINE, null));
                publisher.connected(sessionPresent);
                sampleTelemetry();
            });
        }

        @Override
        public List<String> subscriptions() {
            List<String> topics = new ArrayList<>(List.of(Topics.configTopic(config.deviceId())));
            if (publisher.wantsReceipts()) {
                topics.add(Topics.receiptTopic(config.deviceId()));
            }
            topics.addAll(orders.topics());
            return topics;
        }

        @Override
        public void received(String topic, byte[] payload, byte[] correlationData) {
            if (topic.equals(Topics.receiptTopic(config.deviceId()))) {
                receipts.accept(payload);
            } else if (topic.equals(Topics.configTopic(config.deviceId()))) {
                loop.execute(() -> {
                    if (!stopped) {
                        remote.receive(payload).ifPresent(r -> queue(messages.configState(r.version(), r.outcome(), r.reason(), r.active())));
                    }
                });
            } else {
                orders.receive(topic, payload, correlationData);
            }
        }

        @Override
        public void disconnected(String cause) {
            stats.connectionLosses.increment();
            stats.lastConnectionProblem = cause;
            publisher.disconnected();
        }
    }
}
