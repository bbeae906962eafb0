package org.kioskops.hub.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.kioskops.hub.device.Connection;
import org.kioskops.hub.site.SitePlaces;
import org.kioskops.protocol.DeviceMessage;
import org.kioskops.protocol.ProtocolCodec;
import org.kioskops.protocol.ProtocolException;
import org.kioskops.protocol.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ingest thread and the devices it owns. Per batch: decode, load unknown devices, apply every message
 * in memory, write the batch (telemetry store, then the state in one transaction), and only then
 * acknowledge. Malformed messages are rejected, counted and acknowledged at once.
 *
 * <p>When a batch cannot be stored, the devices it touched are dropped from memory and its messages are
 * retried one by one: one that fails while the database answers is rejected as {@code processing_failed};
 * while the database or the telemetry store is unreachable, messages stay unacknowledged and are retried
 * with backoff, and the full queue holds back the MQTT client (backpressure instead of loss).
 */
final class IngestWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestWorker.class);
    private static final long FIRST_RETRY_DELAY_MILLIS = 100;
    private static final long MAX_RETRY_DELAY_MILLIS = 5_000;

    private final BlockingQueue<InboundMessage> queue;
    private final int maxBatch;
    private final MessageApplier applier;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final BatchStore batches;
    private final SitePlaces places;
    private final IngestMetrics metrics;
    private final Settlement settlement;
    private final Clock clock;
    private final Thread thread;
    private final Map<String, LiveDevice> devices = new HashMap<>();
    /** Devices whose latest state is only in memory, waiting for its write. */
    private final Set<LiveDevice> deferred = new LinkedHashSet<>();
    private final long flushIntervalNanos;
    private final long lingerNanos;
    private final ConcurrentLinkedQueue<String> evictions = new ConcurrentLinkedQueue<>();
    private final SilenceWatch silence;
    /** Told after a commit that changed what alert rules see, with the devices that came online in it. */
    private final Consumer<List<String>> conditionsChanged;
    private volatile boolean running = true;

    IngestWorker(int index, IngestConfig settings, MessageApplier applier, BatchStore batches, SitePlaces places,
                 IngestMetrics metrics, Settlement settlement, Clock clock, SilenceWatch silence,
                 Consumer<List<String>> conditionsChanged) {
        this.silence = silence;
        this.conditionsChanged = conditionsChanged;
        this.lingerNanos = settings.linger().toNanos();
        this.flushIntervalNanos = batches.stateFlushIntervalNanos();
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.maxBatch = settings.maxBatch();
        this.applier = applier;
        this.batches = batches;
        this.places = places;
        this.metrics = metrics;
        this.settlement = settlement;
        this.clock = clock;
        this.thread = new Thread(this, "ingest-" + index);
    }

    void start() {
        thread.start();
    }

    void submit(InboundMessage message) throws InterruptedException {
        queue.put(message);
    }

    int queued() {
        return queue.size();
    }

    void evict(String deviceId) {
        evictions.add(deviceId);
    }

    /** Asks the worker to check whether this device, which it may not hold, has gone silent. */
    void suspectSilent(String deviceId) {
        silence.suspect(deviceId);
    }

    void stop() {
        running = false;
        thread.interrupt();
    }

    void join(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        List<InboundMessage> batch = new ArrayList<>(maxBatch);
        while (running) {
            try {
                // an idle worker wakes up often enough to flush deferred state and to look for silent devices
                InboundMessage first = queue.poll(Math.max(50, Math.min(silence.intervalMillis(),
                        TimeUnit.NANOSECONDS.toMillis(flushIntervalNanos))), TimeUnit.MILLISECONDS);
                if (first == null) {
                    flushDeferred(false);
                    settlement.sendReceipts(true);
                } else {
                    batch.add(first);
                    fill(batch);
                    process(batch);
                }
                // only when caught up: a backlog is the hub's delay, not the devices' silence
                if (queue.isEmpty() && silence.due()) {
                    checkSilence();
                }
            } catch (InterruptedException e) {
                // stopping: queued messages stay unacknowledged and are redelivered
            } catch (RuntimeException e) {
                LOG.error("Ingest worker failed on a batch of {}; it stays unacknowledged for redelivery", batch.size(), e);
                devices.clear();
            }
            batch.clear();
        }
        flushDeferred(true);
        settlement.sendReceipts(true);
    }

    /** Adds what is queued, waiting up to the linger time for the batch to grow. */
    private void fill(List<InboundMessage> batch) throws InterruptedException {
        queue.drainTo(batch, maxBatch - batch.size());
        long deadline = System.nanoTime() + lingerNanos;
        while (batch.size() < maxBatch) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return;
            }
            InboundMessage next = queue.poll(remaining, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, maxBatch - batch.size());
        }
    }

    /** Takes devices offline that have sent nothing for too long although their connection looked open. */
    private void checkSilence() {
        Set<String> suspects = silence.drainSuspects();
        suspects.removeAll(devices.keySet());
        if (!suspects.isEmpty()) {
            try {
                devices.putAll(batches.load(suspects, false).devices());
            } catch (RuntimeException e) {
                LOG.warn("Cannot load {} devices to check their silence ({}); checking again later", suspects.size(), e.toString());
            }
        }
        Instant now = clock.instant();
        List<LiveDevice> silent = silence.silent(devices.values(), now);
        if (silent.isEmpty()) {
            return;
        }
        BatchWrites writes = new BatchWrites();
        for (LiveDevice d : silent) {
            IngestProjector.silent(d, now, writes);
            LOG.debug("{} silent since {}: offline", d.id, d.lastSeenAt);
        }
        try {
            batches.store(writes);
            committed(writes);
            metrics.silent(silent.size());
            LOG.info("{} devices went silent and are now offline (first: {})", silent.size(), silent.get(0).id);
        } catch (RuntimeException e) {
            LOG.warn("Cannot store that {} devices went silent ({}); checking again later", silent.size(), e.toString());
            forget(writes);
        }
    }

    /** Writes the states waiting in memory: those due, or all of them (at shutdown). */
    private void flushDeferred(boolean all) {
        if (deferred.isEmpty()) {
            return;
        }
        BatchWrites writes = new BatchWrites();
        long now = System.nanoTime();
        for (LiveDevice d : deferred) {
            if (all || now - d.stateWrittenAt >= flushIntervalNanos) {
                d.urgent = true;
                writes.devices.put(d.id, d);
            }
        }
        if (writes.devices.isEmpty()) {
            return;
        }
        try {
            batches.store(writes);
            committed(writes);
        } catch (RuntimeException e) {
            LOG.warn("Writing the latest state of {} devices failed ({}); it is rebuilt from their messages", writes.devices.size(),
                    e.toString());
            forget(writes);
        }
    }

    private void committed(BatchWrites writes) {
        if (!writes.availability.isEmpty() || !writes.raisedFaults.isEmpty() || !writes.clearedFaults.isEmpty()) {
            conditionsChanged.accept(writes.availability.stream()
                    .filter(a -> a instanceof BatchWrites.AvailabilityChange c && c.connection() == Connection.ONLINE)
                    .map(a -> ((BatchWrites.AvailabilityChange) a).deviceId()).distinct().toList());
        }
        for (LiveDevice d : writes.devices.values()) {
            if (d.dirty) {
                deferred.add(d);
            } else {
                deferred.remove(d);
            }
        }
    }

    /** Drops devices from memory after a failed write: memory ran ahead of the database. */
    private void forget(BatchWrites writes) {
        for (String id : writes.devices.keySet()) {
            LiveDevice d = devices.remove(id);
            if (d != null) {
                deferred.remove(d);
            }
        }
    }

    private void process(List<InboundMessage> batch) {
        String evicted;
        BatchWrites beforeEviction = new BatchWrites();
        List<String> evictedIds = new ArrayList<>();
        while ((evicted = evictions.poll()) != null) {
            evictedIds.add(evicted);
            LiveDevice d = devices.get(evicted);
            if (d != null && d.dirty) {
                d.urgent = true;
                beforeEviction.devices.put(d.id, d);
            }
        }
        if (!beforeEviction.devices.isEmpty()) {
            try {
                batches.store(beforeEviction);
                committed(beforeEviction);
            } catch (RuntimeException e) {
                LOG.warn("Writing state before reloading {} devices failed ({})", beforeEviction.devices.size(), e.toString());
            }
        }
        for (String id : evictedIds) {
            LiveDevice d = devices.remove(id);
            if (d != null) {
                deferred.remove(d);
            }
        }
        List<Decoded> decoded = new ArrayList<>(batch.size());
        for (InboundMessage raw : batch) {
            if (raw.payload().length == 0 && raw.retained()) {
                metrics.cleared();
                raw.acknowledgement().acknowledge();
                continue;
            }
            try {
                decoded.add(new Decoded(raw, codec.decode(raw.topic(), raw.payload())));
            } catch (ProtocolException e) {
                if (raw.retained() && isHubMessage(raw.topic())) {
                    // the hub's own retained config and update orders come back on a new subscription (No Local spares it
                    // only live ones): not a device's message; a live one on those levels is someone else's, refused below
                    raw.acknowledgement().acknowledge();
                    continue;
                }
                String deviceId = IngestPipeline.deviceOf(raw.topic());
                settlement.reject(raw, deviceId, deviceId == null ? null : devices.get(deviceId), null, e.error().code(), e.field(),
                        e.detail());
            }
        }
        if (!decoded.isEmpty()) {
            store(decoded, true);
        }
        settlement.sendReceipts(false);
    }

    /** A topic the hub publishes on ({@code kioskops/v1/{deviceId}/config}...), which no device message uses. */
    private static boolean isHubMessage(String topic) {
        int slash = topic.lastIndexOf('/');
        return slash > 0 && topic.startsWith(Topics.ROOT + "/")
                && Topics.HUB_KINDS.contains(topic.substring(slash + 1))
                && topic.indexOf('/', Topics.ROOT.length() + 1) == slash;
    }

    /**
     * Stores messages as one batch. A failure that passes (a lost connection, a conflict, a timeout, the database
     * or telemetry store away) is retried with backoff on fresh connections, the messages held unacknowledged;
     * any other failure, if {@code split}, retries each message on its own, so that one message that cannot be
     * stored is refused alone. Either way the touched devices are forgotten first: memory ran ahead of the database.
     */
    private void store(List<Decoded> decoded, boolean split) {
        long delay = FIRST_RETRY_DELAY_MILLIS;
        while (running) {
            BatchWrites writes = new BatchWrites();
            long start = System.nanoTime();
            List<MessageApplier.Result> results;
            try {
                results = applyAll(decoded, writes);
                long now = System.nanoTime();
                for (LiveDevice d : deferred) {
                    if (now - d.stateWrittenAt >= flushIntervalNanos) {
                        writes.devices.putIfAbsent(d.id, d);
                    }
                }
                batches.store(writes);
            } catch (RuntimeException failure) {
                forget(writes);
                String cause = StorageFailures.transientCause(failure)
                        .orElseGet(() -> batches.databaseAnswers() ? null : "database_unreachable");
                if (cause == null) {
                    if (split && decoded.size() > 1) {
                        LOG.warn("Storing a batch of {} failed ({}); retrying message by message", decoded.size(),
                                StorageFailures.describe(failure));
                        decoded.forEach(d -> store(List.of(d), false));
                        return;
                    }
                    Decoded d = decoded.get(0);
                    LOG.error("{} seq {}: cannot be stored although the database answers; rejected", d.message.deviceId(),
                            d.message.seq(), failure);
                    settlement.reject(d.raw, d.message.deviceId(), devices.get(d.message.deviceId()), d.message.seq(),
                            IngestError.PROCESSING_FAILED.code(), null, failure.toString());
                    return;
                }
                metrics.storeRetry(cause);
                if (StorageFailures.connectionLost(failure)) {
                    // the pool may hold more connections that died the same way (a restarted database, a terminated backend)
                    batches.dropIdleConnections();
                }
                LOG.warn("Storage unavailable ({}: {}); holding {} messages unacknowledged, retrying in {} ms", cause,
                        StorageFailures.describe(failure), decoded.size(), delay);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(delay));
                delay = Math.min(MAX_RETRY_DELAY_MILLIS, delay * 2);
                continue;
            }
            settleStored(decoded, results, writes, start);
            return;
        }
    }

    /**
     * What follows a commit: nothing here may make the batch be stored again or its messages be counted twice, so a
     * failure is confined to the message it concerns, which is acknowledged all the same: it is stored.
     */
    private void settleStored(List<Decoded> decoded, List<MessageApplier.Result> results, BatchWrites writes, long start) {
        try {
            committed(writes);
        } catch (RuntimeException e) {
            LOG.error("After storing a batch of {}: telling the other features failed", decoded.size(), e);
        }
        metrics.batchTimer().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        for (int i = 0; i < decoded.size(); i++) {
            Decoded d = decoded.get(i);
            try {
                settlement.settle(d.raw, d.message, results.get(i), devices.get(d.message.deviceId()));
            } catch (RuntimeException e) {
                LOG.error("{} seq {}: stored, but settling it failed; acknowledged anyway", d.message.deviceId(), d.message.seq(), e);
                d.raw.acknowledgement().acknowledge();
            }
        }
    }

    private List<MessageApplier.Result> applyAll(List<Decoded> decoded, BatchWrites writes) {
        Set<String> unknown = new LinkedHashSet<>();
        for (Decoded d : decoded) {
            if (!devices.containsKey(d.message.deviceId())) {
                unknown.add(d.message.deviceId());
            }
        }
        long[] pending = {-1};
        if (!unknown.isEmpty()) {
            BatchStore.Loaded loaded = batches.load(unknown, true);
            devices.putAll(loaded.devices());
            pending[0] = loaded.pending();
        }
        List<MessageApplier.Result> results = new ArrayList<>(decoded.size());
        for (Decoded d : decoded) {
            LiveDevice device = devices.get(d.message.deviceId());
            results.add(applier.apply(device, d.message, d.raw.retained(), d.raw.receivedAt(),
                    places.of(device == null ? null : device.siteId), writes, () -> pending[0],
                    created -> {
                        devices.put(created.id, created);
                        pending[0]++;
                    }));
        }
        return results;
    }

    private record Decoded(InboundMessage raw, DeviceMessage message) {
    }
}
