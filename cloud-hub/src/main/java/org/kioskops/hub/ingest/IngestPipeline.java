package org.kioskops.hub.ingest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.kioskops.hub.config.HubConfig;
import org.kioskops.hub.device.Device;
import org.kioskops.protocol.DeviceMessage;
import org.kioskops.protocol.ProtocolCodec;
import org.kioskops.protocol.ProtocolException;
import org.kioskops.protocol.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From broker to database: bounded queues, one per worker, each worker owning the devices hashed to it so
 * that a device's messages are applied in arrival order. A worker stores a batch in one transaction and
 * acknowledges its messages only after the commit, so a crash loses nothing the broker was told is safe.
 *
 * <p>Malformed messages are rejected, counted and acknowledged (redelivering them would not help). When a
 * batch fails, its messages are retried one by one: one that fails while the database answers is rejected
 * as {@code processing_failed}; if the database is down, the batch waits and is retried, unacknowledged,
 * and the full queue holds back the MQTT client: backpressure instead of loss.
 */
@ApplicationScoped
public class IngestPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);
    private static final long MAX_RETRY_DELAY_MILLIS = 10_000;

    private final HubConfig.Ingest settings;
    private final MessageApplier applier;
    private final IngestMetrics metrics;
    private final RejectionLog rejections;
    private final Clock clock;
    private final ProtocolCodec codec = new ProtocolCodec();
    private volatile List<Worker> workers = List.of();
    private volatile boolean running;

    @Inject
    public IngestPipeline(HubConfig config, MessageApplier applier, IngestMetrics metrics, RejectionLog rejections, Clock clock) {
        this.settings = config.ingest();
        this.applier = applier;
        this.metrics = metrics;
        this.rejections = rejections;
        this.clock = clock;
    }

    /** Starts the workers. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        List<Worker> started = new ArrayList<>();
        for (int i = 0; i < settings.workers(); i++) {
            Worker worker = new Worker(i, new ArrayBlockingQueue<>(settings.queueCapacity()));
            started.add(worker);
            worker.thread.start();
        }
        workers = List.copyOf(started);
        metrics.gauge("kioskops.ingest.queued", "Messages received and not yet stored", this::queued);
        LOG.info("Ingest started: {} workers, {} messages queued at most per worker, batches of up to {}",
                settings.workers(), settings.queueCapacity(), settings.maxBatch());
    }

    /**
     * Hands a delivered message to the worker of its device; blocks while that worker's queue is full.
     * After {@link #stop} the message is left unacknowledged, for the broker to redeliver.
     */
    public void submit(InboundMessage message) throws InterruptedException {
        List<Worker> current = workers;
        if (!running || current.isEmpty()) {
            return;
        }
        current.get(partition(message.topic(), current.size())).queue.put(message);
    }

    private static int partition(String topic, int partitions) {
        try {
            return Math.floorMod(Topics.parse(topic).deviceId().hashCode(), partitions);
        } catch (ProtocolException e) {
            return 0;
        }
    }

    /** Messages waiting in all queues. */
    public int queued() {
        return workers.stream().mapToInt(w -> w.queue.size()).sum();
    }

    /** Stops taking messages, finishes the batches in hand, and waits for the workers up to {@code timeout}. */
    public synchronized void stop(Duration timeout) {
        running = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Worker worker : workers) {
            worker.thread.interrupt();
        }
        for (Worker worker : workers) {
            try {
                worker.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        workers = List.of();
    }

    private final class Worker implements Runnable {
        final BlockingQueue<InboundMessage> queue;
        final Thread thread;

        Worker(int index, BlockingQueue<InboundMessage> queue) {
            this.queue = queue;
            this.thread = new Thread(this, "ingest-" + index);
        }

        @Override
        public void run() {
            List<InboundMessage> batch = new ArrayList<>(settings.maxBatch());
            while (running) {
                try {
                    InboundMessage first = queue.poll(500, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, settings.maxBatch() - 1);
                    process(batch);
                } catch (InterruptedException e) {
                    // stopping: the messages in hand are processed below, the queued ones redelivered by the broker
                } catch (RuntimeException e) {
                    LOG.error("Ingest worker failed on a batch of {}; it stays unacknowledged for redelivery", batch.size(), e);
                }
                batch.clear();
            }
        }
    }

    private void process(List<InboundMessage> batch) {
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
                reject(raw, deviceOf(raw.topic()), e.error().code(), e.field(), e.detail());
                raw.acknowledgement().acknowledge();
            }
        }
        if (decoded.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        try {
            List<MessageApplier.Result> results = QuarkusTransaction.requiringNew().call(() -> applyAll(decoded));
            metrics.batchTimer().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            for (int i = 0; i < decoded.size(); i++) {
                settle(decoded.get(i), results.get(i));
            }
        } catch (RuntimeException batchFailure) {
            LOG.warn("Storing a batch of {} failed ({}); retrying message by message", decoded.size(), batchFailure.toString());
            for (Decoded d : decoded) {
                processAlone(d);
            }
        }
    }

    private List<MessageApplier.Result> applyAll(List<Decoded> decoded) {
        List<MessageApplier.Result> results = new ArrayList<>(decoded.size());
        for (Decoded d : decoded) {
            results.add(applier.apply(d.message, d.raw.retained(), d.raw.receivedAt()));
        }
        return results;
    }

    private void processAlone(Decoded d) {
        long delay = 200;
        while (true) {
            try {
                MessageApplier.Result result = QuarkusTransaction.requiringNew()
                        .call(() -> applier.apply(d.message, d.raw.retained(), d.raw.receivedAt()));
                settle(d, result);
                return;
            } catch (RuntimeException failure) {
                if (databaseAnswers()) {
                    LOG.error("{} seq {}: cannot be stored although the database answers; rejected", d.message.deviceId(),
                            d.message.seq(), failure);
                    reject(d.raw, d.message.deviceId(), IngestError.PROCESSING_FAILED.code(), null, failure.toString());
                    d.raw.acknowledgement().acknowledge();
                    return;
                }
                if (!running) {
                    return;
                }
                LOG.warn("Database unavailable; holding {} seq {} unacknowledged, retrying in {} ms", d.message.deviceId(),
                        d.message.seq(), delay);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(delay));
                delay = Math.min(MAX_RETRY_DELAY_MILLIS, delay * 2);
            }
        }
    }

    private boolean databaseAnswers() {
        try {
            QuarkusTransaction.requiringNew().call(() -> Device.count("id", ""));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void settle(Decoded d, MessageApplier.Result result) {
        String kind = d.message.kind().segment();
        if (result instanceof MessageApplier.Accepted accepted) {
            metrics.accepted(kind);
            metrics.sequence(accepted.deviceId(), accepted.missing(), accepted.gapsDetected());
            LOG.debug("{} {} seq {} stored", d.message.deviceId(), kind, d.message.seq());
        } else if (result instanceof MessageApplier.Duplicate duplicate) {
            if (!duplicate.retainedReplay()) {
                metrics.duplicate(kind);
            }
            LOG.debug("{} {} seq {} already stored", d.message.deviceId(), kind, d.message.seq());
        } else if (result instanceof MessageApplier.Refused refused) {
            reject(d.raw, d.message.deviceId(), refused.error().code(), null, refused.detail());
        }
        d.raw.acknowledgement().acknowledge();
    }

    private void reject(InboundMessage raw, String deviceId, String code, String field, String detail) {
        metrics.rejected(code);
        rejections.add(new Rejection(clock.instant(), raw.topic(), deviceId, code, field, detail));
        LOG.debug("{} message on {} rejected: {} {} {}", deviceId, raw.topic(), code, field == null ? "" : field, detail);
    }

    private static String deviceOf(String topic) {
        try {
            return Topics.parse(topic).deviceId();
        } catch (ProtocolException e) {
            return null;
        }
    }

    private record Decoded(InboundMessage raw, DeviceMessage message) {
    }
}
