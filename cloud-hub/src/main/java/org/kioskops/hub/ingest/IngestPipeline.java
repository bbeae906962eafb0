package org.kioskops.hub.ingest;

import io.quarkus.arc.All;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.kioskops.hub.device.ConditionsChanged;
import org.kioskops.hub.device.DevicesConnected;
import org.kioskops.hub.device.RegistryChanged;
import org.kioskops.hub.jdbc.Timestamps;
import org.kioskops.hub.site.SitePlaces;
import org.kioskops.hub.telemetry.TelemetryConfig;
import org.kioskops.hub.telemetry.TelemetryStore;
import org.kioskops.protocol.Limits;
import org.kioskops.protocol.ProtocolError;
import org.kioskops.protocol.ProtocolException;
import org.kioskops.protocol.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From broker to database: bounded queues, one per worker, each worker owning the devices hashed to it so
 * that a device's messages are applied in arrival order and its state can be held in memory
 * ({@link IngestWorker}). A worker stores a batch in one transaction and acknowledges its messages only
 * after the commit, so a crash loses nothing the broker was told is safe.
 */
@ApplicationScoped
public class IngestPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);

    private final IngestConfig settings;
    private final LivenessConfig liveness;
    private final RegistryConfig registry;
    private final TelemetryConfig.StoreKind storeKind;
    private final IngestMetrics metrics;
    private final RejectionLog rejections;
    private final Clock clock;
    private final DataSource dataSource;
    private final TelemetryStore store;
    private final SitePlaces places;
    private final Event<ConditionsChanged> conditionsChanged;
    private final Event<DevicesConnected> devicesConnected;
    private final List<DeviceAnswerStore> answerStores;
    private final ReceiptSender receipts;
    private volatile List<IngestWorker> workers = List.of();

    @Inject
    public IngestPipeline(IngestConfig settings, LivenessConfig liveness, RegistryConfig registry, TelemetryConfig telemetry,
                          IngestMetrics metrics, RejectionLog rejections, Clock clock, DataSource dataSource,
                          TelemetryStore store, SitePlaces places, Event<ConditionsChanged> conditionsChanged,
                          Event<DevicesConnected> devicesConnected, ReceiptSender receipts, @All List<DeviceAnswerStore> answerStores) {
        this.answerStores = List.copyOf(answerStores);
        this.receipts = receipts;
        this.devicesConnected = devicesConnected;
        this.conditionsChanged = conditionsChanged;
        this.settings = settings;
        this.liveness = liveness;
        this.registry = registry;
        this.storeKind = telemetry.store();
        this.metrics = metrics;
        this.rejections = rejections;
        this.clock = clock;
        this.dataSource = dataSource;
        this.store = store;
        this.places = places;
    }

    /** Starts the workers. */
    public synchronized void start() {
        if (!workers.isEmpty()) {
            return;
        }
        List<IngestWorker> started = new ArrayList<>();
        for (int i = 0; i < settings.workers(); i++) {
            IngestWorker worker = new IngestWorker(i, settings, new MessageApplier(registry),
                    new BatchStore(dataSource, store, answerStores, settings.stateFlushInterval()), places, metrics,
                    new Settlement(metrics, rejections, clock, receipts, settings.receiptLinger()), clock,
                    new SilenceWatch(liveness.silenceMargin(), liveness.silenceWithoutKeepAlive(), liveness.checkInterval(),
                            clock.instant()),
                    online -> {
                        conditionsChanged.fire(new ConditionsChanged());
                        if (!online.isEmpty()) {
                            devicesConnected.fire(new DevicesConnected(online));
                        }
                    });
            started.add(worker);
            worker.start();
        }
        workers = List.copyOf(started);
        metrics.gauge("kioskops.ingest.queued", "Messages received and not yet stored", this::queued);
        LOG.info("Ingest started: {} workers, {} messages queued at most per worker, batches of up to {}, telemetry store {}",
                settings.workers(), settings.queueCapacity(), settings.maxBatch(), storeKind);
    }

    /**
     * Hands a delivered message to the worker of its device; blocks while that worker's queue is full.
     * After {@link #stop} the message is left unacknowledged, for the broker to redeliver.
     */
    public void submit(InboundMessage message) throws InterruptedException {
        List<IngestWorker> current = workers;
        if (current.isEmpty()) {
            return;
        }
        current.get(partition(deviceOf(message.topic()), current.size())).submit(message);
    }

    private static int partition(String deviceId, int partitions) {
        return deviceId == null ? 0 : Math.floorMod(deviceId.hashCode(), partitions);
    }

    /** The device a topic names, also when its kind is unknown (so that the rejection is listed under the device). */
    static String deviceOf(String topic) {
        try {
            return Topics.parse(topic).deviceId();
        } catch (ProtocolException e) {
            if (topic == null || !topic.startsWith(Topics.ROOT + "/")) {
                return null;
            }
            String rest = topic.substring(Topics.ROOT.length() + 1);
            int slash = rest.indexOf('/');
            String candidate = slash < 0 ? rest : rest.substring(0, slash);
            return Topics.isValidDeviceId(candidate) ? candidate : null;
        }
    }

    /**
     * Counts and logs a message its transport refused before it reached the pipeline (a CoAP device posting as
     * another device, a payload in an unsupported format), like the pipeline's own rejections.
     */
    public void refused(String topic, String deviceId, IngestError error, String detail) {
        refused(topic, deviceId, error.code(), detail);
    }

    /**
     * Counts and lists a message its transport refused by a rule of the contract, for a device whose identity the
     * transport proved (a CoAP post to a kind the contract does not know).
     */
    public void refused(String topic, String deviceId, ProtocolError error, String detail) {
        refused(topic, deviceId, error.code(), detail);
    }

    private void refused(String topic, String deviceId, String code, String detail) {
        metrics.rejected(code);
        rejections.add(new Rejection(clock.instant(), topic, deviceId, code, null, detail));
        LOG.debug("{} message on {} refused by its transport: {} {}", deviceId, topic, code, detail);
    }

    /** Messages waiting in all queues. */
    public int queued() {
        return workers.stream().mapToInt(IngestWorker::queued).sum();
    }

    /** An operator changed a device: its worker reloads it before applying its next message. */
    void registryChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) RegistryChanged event) {
        List<IngestWorker> current = workers;
        if (!current.isEmpty()) {
            current.get(partition(event.deviceId(), current.size())).evict(event.deviceId());
        }
    }

    /**
     * Names the devices that are online in the database but have not been heard of for at least the shortest
     * silence deadline, to their workers: a worker holds only the devices it has seen since the hub started.
     */
    @Scheduled(every = "10s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweepForSilentDevices() {
        List<IngestWorker> current = workers;
        if (current.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Instant cutoff = now.minus(liveness.silenceMargin()).minusMillis(Limits.MIN_KEEP_ALIVE_SECONDS * 1500L);
        Duration withoutKeepAlive = liveness.silenceWithoutKeepAlive();
        // with no limit for devices without a keep-alive, the second condition matches nothing
        Instant quietSince = withoutKeepAlive.isZero() ? Instant.EPOCH : now.minus(withoutKeepAlive);
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select device_id from device_state where connection = 'ONLINE' "
                     + "and (keep_alive_seconds is not null and last_seen_at < ? or keep_alive_seconds is null and last_seen_at < ?)")) {
            Timestamps.set(q, 1, cutoff);
            Timestamps.set(q, 2, quietSince);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    String id = r.getString(1);
                    current.get(partition(id, current.size())).suspectSilent(id);
                }
            }
        } catch (SQLException e) {
            LOG.warn("Cannot look for silent devices: {}", e.toString());
        }
    }

    /** Stops taking messages, finishes the batches in hand, and waits for the workers up to {@code timeout}. */
    public synchronized void stop(Duration timeout) {
        List<IngestWorker> current = workers;
        workers = List.of();
        long deadline = System.nanoTime() + timeout.toNanos();
        current.forEach(IngestWorker::stop);
        for (IngestWorker worker : current) {
            worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
    }
}
