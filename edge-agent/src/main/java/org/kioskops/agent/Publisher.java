package org.kioskops.agent;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.kioskops.agent.outbox.Outbox;
import org.kioskops.agent.uplink.OutboundMessage;
import org.kioskops.agent.uplink.Uplink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves messages to the broker in order, at most the broker's Receive Maximum at a time. Connection
 * messages (birth, status) go first and live only in memory; data messages come from the outbox and
 * leave it only when acknowledged. All state is confined to one serial executor.
 *
 * <p>A message in flight when the connection drops is normally resent by the MQTT session; if the broker
 * lost the session, or no acknowledgement arrives within {@code resendAfter} of a reconnect, the message
 * is sent again. The hub stores a message once per sequence number, so a resend is harmless.
 */
final class Publisher {
    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);
    private static final long RETRY_DELAY_MILLIS = 500;

    private final String deviceId;
    private final Uplink uplink;
    private final Outbox outbox;
    private final ScheduledExecutorService loop;
    private final AgentStats stats;
    private final Duration resendAfter;
    private final Deque<Control> control = new ArrayDeque<>();
    private final Map<Object, Attempt> inFlight = new HashMap<>();
    private final List<CompletableFuture<Void>> drainWaiters = new ArrayList<>();
    private final double replayPerSecond;
    private double tokens;
    private long tokensAtNanos = System.nanoTime();
    private boolean pumpScheduled;
    private boolean connected;
    private long connection;

    /** @param loop a single-threaded executor owned by this agent */
    /**
     * @param replayPerSecond most outbox messages sent per second, with a burst of one second's worth: live
     *                        traffic never reaches it, a backlog after an outage drains at this pace
     */
    Publisher(String deviceId, Uplink uplink, Outbox outbox, ScheduledExecutorService loop, AgentStats stats, Duration resendAfter,
              int replayPerSecond) {
        this.replayPerSecond = replayPerSecond;
        this.tokens = replayPerSecond;
        this.deviceId = deviceId;
        this.uplink = uplink;
        this.outbox = outbox;
        this.loop = loop;
        this.stats = stats;
        this.resendAfter = resendAfter;
    }

    /** Stores a data message in the outbox and sends it when it can. */
    void enqueue(OutboundMessage message) {
        outbox.append(message);
        loop.execute(this::pump);
    }

    /** Sends a connection message ahead of all data; the future completes on acknowledgement. */
    CompletableFuture<Void> sendFirst(OutboundMessage message) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        loop.execute(() -> {
            control.addLast(new Control(message, acked));
            pump();
        });
        return acked;
    }

    void connected(boolean sessionPresent) {
        loop.execute(() -> {
            connected = true;
            long thisConnection = ++connection;
            if (!sessionPresent) {
                expireAttemptsBefore(thisConnection);
            } else if (!inFlight.isEmpty()) {
                loop.schedule(() -> expireAttemptsBefore(thisConnection), resendAfter.toMillis(), TimeUnit.MILLISECONDS);
            }
            pump();
        });
    }

    void disconnected() {
        loop.execute(() -> connected = false);
    }

    /** Completes when nothing is queued or in flight. */
    CompletableFuture<Void> drained() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            drainWaiters.add(done);
            checkDrained();
        });
        return done;
    }

    /** Messages waiting in the outbox. */
    int backlog() {
        return outbox.size();
    }

    /** Messages the outbox dropped because it was full. */
    long dropped() {
        return outbox.dropped();
    }

    /** Takes one send from the replay budget, or schedules a pump for when the next one is due. */
    private boolean takeToken() {
        long now = System.nanoTime();
        tokens = Math.min(replayPerSecond, tokens + (now - tokensAtNanos) / 1e9 * replayPerSecond);
        tokensAtNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        if (!pumpScheduled) {
            pumpScheduled = true;
            long waitNanos = (long) Math.ceil((1 - tokens) / replayPerSecond * 1e9);
            loop.schedule(() -> {
                pumpScheduled = false;
                pump();
            }, waitNanos, TimeUnit.NANOSECONDS);
        }
        return false;
    }

    private void expireAttemptsBefore(long thisConnection) {
        int expired = 0;
        var it = inFlight.values().iterator();
        while (it.hasNext()) {
            if (it.next().connection < thisConnection) {
                it.remove();
                expired++;
            }
        }
        if (expired > 0) {
            LOG.debug("{} resending {} messages unacknowledged from an earlier connection", deviceId, expired);
            pump();
        }
    }

    private void pump() {
        if (!connected) {
            return;
        }
        int limit = uplink.inFlightLimit();
        for (Control c : control) {
            if (inFlight.size() >= limit) {
                return;
            }
            if (!inFlight.containsKey(c)) {
                send(c, c.message);
            }
        }
        while (inFlight.size() < limit) {
            Outbox.Entry next = null;
            for (Outbox.Entry e : outbox.peek(inFlight.size() + 1)) {
                if (!inFlight.containsKey(e.id())) {
                    next = e;
                    break;
                }
            }
            if (next == null || !takeToken()) {
                return;
            }
            send(next.id(), next.message());
        }
    }

    private void send(Object key, OutboundMessage message) {
        Attempt attempt = new Attempt(connection, System.nanoTime());
        inFlight.put(key, attempt);
        stats.published.increment();
        uplink.publish(message).whenComplete((ok, failure) -> loop.execute(() -> completed(key, attempt, message, failure)));
    }

    private void completed(Object key, Attempt attempt, OutboundMessage message, Throwable failure) {
        boolean current = inFlight.get(key) == attempt;
        if (current) {
            inFlight.remove(key);
        }
        if (failure == null) {
            stats.acknowledged.increment();
            stats.recordAckLatency(System.nanoTime() - attempt.sentNanos);
            if (key instanceof Control c) {
                control.remove(c);
                c.acked.complete(null);
            } else {
                outbox.remove((Long) key);
            }
            LOG.debug("{} seq {} acknowledged", deviceId, message.seq());
        } else if (current) {
            stats.publishFailures.increment();
            LOG.debug("{} seq {} not sent, will retry: {}", deviceId, message.seq(), failure.toString());
            if (!uplink.isConnected()) {
                connected = false;
            }
            // a broker that refuses while connected must not be hammered
            loop.schedule(this::pump, RETRY_DELAY_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        pump();
        checkDrained();
    }

    private void checkDrained() {
        if (!drainWaiters.isEmpty() && control.isEmpty() && inFlight.isEmpty() && outbox.size() == 0) {
            drainWaiters.forEach(w -> w.complete(null));
            drainWaiters.clear();
        }
    }

    /** A connection message and whoever waits for its acknowledgement. */
    private static final class Control {
        final OutboundMessage message;
        final CompletableFuture<Void> acked;

        Control(OutboundMessage message, CompletableFuture<Void> acked) {
            this.message = message;
            this.acked = acked;
        }
    }

    /** One send of a message, tied to the connection it was made on. */
    private static final class Attempt {
        final long connection;
        final long sentNanos;

        Attempt(long connection, long sentNanos) {
            this.connection = connection;
            this.sentNanos = sentNanos;
        }
    }
}
