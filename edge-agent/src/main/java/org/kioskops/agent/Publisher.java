package org.kioskops.agent;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.kioskops.agent.config.OutboxSettings.Confirmation;
import org.kioskops.agent.outbox.Outbox;
import org.kioskops.agent.uplink.OutboundMessage;
import org.kioskops.agent.uplink.PublishRefusedException;
import org.kioskops.agent.uplink.Uplink;
import org.kioskops.protocol.Receipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves messages to the hub in order, at most the broker's Receive Maximum at a time. Connection messages
 * (birth, status) go first and live only in memory; data messages come from the outbox and leave it only once
 * they are confirmed: by the hub's receipt (contract 1.5), or, with {@link Confirmation#BROKER}, by the broker's
 * acknowledgement. All state is confined to one serial executor.
 *
 * <p>A PUBACK with a reason code of 0x80 or more, or 0x10 "no matching subscribers", is a refusal: the message is
 * sent again after a pause that doubles while refusals go on. A message the broker took but no receipt named is
 * sent again on the next connection (a restarted broker may have lost it), or once the hub has confirmed a later
 * message and this one stayed unconfirmed past the receipt timeout (lost on the way), or, as a last resort, after
 * ten timeouts doubling with every send. The hub stores a message once per sequence number, so a resend costs a
 * duplicate, never a second row. At most {@code maxUnconfirmed} messages are out of the outbox at a time: while
 * the hub is away, the backlog waits on the box's disk, not in the broker.
 *
 * <p>Birth and status wait for their receipts too, in memory: they are not readings, but the hub counts their
 * numbers, and a broker killed after acknowledging them loses them. Those of an earlier connection go again
 * after the new connection's own, without the retain flag, so that the broker keeps the current state retained
 * and the hub, which ignores a birth or status older than the current connection, only fills their numbers.
 */
final class Publisher {
    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);
    private static final long FIRST_REFUSAL_PAUSE_MILLIS = 500;
    private static final long MAX_REFUSAL_PAUSE_MILLIS = 30_000;
    private static final int LAST_RESORT_TIMEOUTS = 10;
    private static final long MAX_LAST_RESORT_NANOS = TimeUnit.HOURS.toNanos(1);
    /** Connection messages kept for resending: a box reconnecting again and again while the hub is away needs no more. */
    private static final int MAX_CONTROL_UNCONFIRMED = 64;

    /** How the publisher confirms and resends. */
    record Policy(Confirmation confirmation, Duration receiptTimeout, int maxUnconfirmed, int replayPerSecond, Duration resendAfter) {
    }

    private final String deviceId;
    private final Uplink uplink;
    private final Outbox outbox;
    private final ScheduledExecutorService loop;
    private final AgentStats stats;
    private final Policy policy;
    private final long receiptTimeoutNanos;
    private final Deque<Control> control = new ArrayDeque<>();
    private final Map<Control, Attempt> controlInFlight = new HashMap<>();
    /**
     * Connection messages the broker took and no receipt named yet, by sequence number, with the connection they
     * were sent on: not readings, but their numbers count at the hub, and a broker that restarts may lose them.
     */
    private final LinkedHashMap<Long, Control> controlUnconfirmed = new LinkedHashMap<>();
    /** Data messages taken from the outbox and not confirmed yet, by outbox id. */
    private final TreeMap<Long, Handed> handed = new TreeMap<>();
    private final Map<Long, Long> idBySeq = new HashMap<>();
    /** Handed messages to send (again) before new ones, oldest first. */
    private final TreeSet<Long> due = new TreeSet<>();
    private final List<CompletableFuture<Void>> drainWaiters = new ArrayList<>();
    private final ReplayBudget replay;
    private Consumer<OutboundMessage> confirmedListener = m -> { };
    private int dataInFlight;
    /** The highest outbox id taken so far; new messages come after it. */
    private long cursor = Long.MIN_VALUE;
    /** The highest sequence number a receipt named: evidence that the hub is taking this device's messages. */
    private long highestReceipted = -1;
    private long refusalPauseMillis;
    private long pausedUntilNanos;
    private boolean pumpScheduled;
    private boolean connected;
    private long connection;

    /** @param loop a single-threaded executor owned by this agent */
    Publisher(String deviceId, Uplink uplink, Outbox outbox, ScheduledExecutorService loop, AgentStats stats, Policy policy) {
        this.deviceId = deviceId;
        this.uplink = uplink;
        this.outbox = outbox;
        this.loop = loop;
        this.stats = stats;
        this.policy = policy;
        this.receiptTimeoutNanos = policy.receiptTimeout().toNanos();
        this.replay = new ReplayBudget(policy.replayPerSecond());
        long check = Math.max(100, Math.min(1000, policy.receiptTimeout().toMillis() / 4));
        loop.scheduleWithFixedDelay(this::checkUnconfirmed, check, check, TimeUnit.MILLISECONDS);
    }

    /** Told of every data message once it is confirmed (for the simulator's sequence checks); call before start. */
    void onConfirmed(Consumer<OutboundMessage> listener) {
        this.confirmedListener = listener;
    }

    /** Whether messages wait for the hub's receipts: asked for, and not already implied by the uplink. */
    boolean wantsReceipts() {
        return policy.confirmation() == Confirmation.HUB && !uplink.confirmsStorage();
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
            // the broker took these on an earlier connection; a broker that restarted may have lost them
            handed.forEach((id, h) -> {
                if (h.state == State.UNCONFIRMED) {
                    markDue(id, h);
                }
            });
            // after this connection's birth and status, and without the retain flag: history, not the current state
            for (Control c : controlUnconfirmed.values()) {
                control.addLast(new Control(c.message.withRetained(false), new CompletableFuture<>()));
                stats.resent.increment();
            }
            controlUnconfirmed.clear();
            if (!sessionPresent) {
                expireAttemptsBefore(thisConnection);
            } else if (!controlInFlight.isEmpty() || dataInFlight > 0) {
                // the kept session resends what was in flight itself; whatever is still unanswered then goes again
                loop.schedule(() -> expireAttemptsBefore(thisConnection), policy.resendAfter().toMillis(), TimeUnit.MILLISECONDS);
            }
            pump();
        });
    }

    void disconnected() {
        loop.execute(() -> connected = false);
    }

    /** The hub's receipt: stored messages leave the outbox, refused ones too (counted). */
    void receipt(Receipt receipt) {
        loop.execute(() -> {
            for (Receipt.Range range : receipt.stored()) {
                highestReceipted = Math.max(highestReceipted, range.to());
            }
            controlUnconfirmed.values().removeIf(c -> receipt.stored().stream().anyMatch(r -> r.contains(c.message.seq())));
            Iterator<Map.Entry<Long, Handed>> it = handed.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Long, Handed> e = it.next();
                long seq = e.getValue().message.seq();
                for (Receipt.Range range : receipt.stored()) {
                    if (range.contains(seq)) {
                        stats.confirmed.increment();
                        release(e.getKey(), e.getValue(), true);
                        it.remove();
                        break;
                    }
                }
            }
            for (Receipt.Refusal refusal : receipt.refused()) {
                Long id = idBySeq.get(refusal.seq());
                Handed h = id == null ? null : handed.remove(id);
                if (h != null) {
                    stats.refusedByHub.increment();
                    LOG.warn("{} seq {} refused by the hub ({}); not sent again", deviceId, refusal.seq(), refusal.code());
                    release(id, h, false);
                }
            }
            pump();
            checkDrained();
        });
    }

    /** Completes when nothing is queued, in flight or waiting for its receipt (connection messages included). */
    CompletableFuture<Void> drained() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            drainWaiters.add(done);
            checkDrained();
        });
        return done;
    }

    /** Messages in the outbox, confirmed or not. */
    int backlog() {
        return outbox.size();
    }

    /** Messages the outbox dropped because it was full. */
    long dropped() {
        return outbox.dropped();
    }

    private void expireAttemptsBefore(long thisConnection) {
        int expired = 0;
        Iterator<Attempt> controls = controlInFlight.values().iterator();
        while (controls.hasNext()) {
            if (controls.next().connection < thisConnection) {
                controls.remove();
                expired++;
            }
        }
        for (Map.Entry<Long, Handed> e : handed.entrySet()) {
            Handed h = e.getValue();
            if (h.state == State.IN_FLIGHT && h.attempt.connection < thisConnection) {
                markDue(e.getKey(), h);
                expired++;
            }
        }
        if (expired > 0) {
            LOG.debug("{} resending {} messages unacknowledged from an earlier connection", deviceId, expired);
            pump();
        }
    }

    /** Sends again what the hub should have confirmed by now. */
    private void checkUnconfirmed() {
        long now = System.nanoTime();
        boolean any = false;
        for (Map.Entry<Long, Handed> e : handed.entrySet()) {
            Handed h = e.getValue();
            if (h.state != State.UNCONFIRMED) {
                continue;
            }
            long waited = now - h.ackedNanos;
            boolean overtaken = waited >= receiptTimeoutNanos && highestReceipted > h.message.seq();
            long lastResort = Math.min(MAX_LAST_RESORT_NANOS, LAST_RESORT_TIMEOUTS * receiptTimeoutNanos << Math.min(h.sends - 1, 10));
            if (overtaken || waited >= lastResort) {
                LOG.debug("{} seq {} unconfirmed after {} ms; sending it again", deviceId, h.message.seq(), waited / 1_000_000);
                markDue(e.getKey(), h);
                any = true;
            }
        }
        if (any) {
            pump();
        }
    }

    private void markDue(long id, Handed h) {
        if (h.state == State.IN_FLIGHT) {
            dataInFlight--;
        }
        if (h.state != State.DUE) {
            stats.resent.increment();
        }
        h.state = State.DUE;
        h.attempt = null;
        due.add(id);
    }

    private void pump() {
        if (!connected) {
            return;
        }
        long now = System.nanoTime();
        if (now < pausedUntilNanos) {
            schedulePump(pausedUntilNanos - now);
            return;
        }
        int limit = uplink.inFlightLimit();
        for (Control c : control) {
            if (controlInFlight.size() + dataInFlight >= limit) {
                return;
            }
            if (!controlInFlight.containsKey(c)) {
                sendControl(c);
            }
        }
        while (controlInFlight.size() + dataInFlight < limit) {
            Long id = due.isEmpty() ? null : due.first();
            OutboundMessage message;
            if (id != null) {
                message = handed.get(id).message;
            } else {
                if (handed.size() >= policy.maxUnconfirmed()) {
                    return;
                }
                List<Outbox.Entry> next = outbox.peekAfter(cursor, 1);
                if (next.isEmpty()) {
                    return;
                }
                id = next.get(0).id();
                message = next.get(0).message();
            }
            long wait = replay.take();
            if (wait > 0) {
                schedulePump(wait);
                return;
            }
            if (due.remove(id)) {
                send(id, handed.get(id));
            } else {
                cursor = id;
                Handed h = new Handed(message);
                handed.put(id, h);
                idBySeq.put(message.seq(), id);
                send(id, h);
            }
        }
    }

    private void schedulePump(long nanos) {
        if (!pumpScheduled) {
            pumpScheduled = true;
            loop.schedule(() -> {
                pumpScheduled = false;
                pump();
            }, nanos, TimeUnit.NANOSECONDS);
        }
    }

    private void sendControl(Control c) {
        Attempt attempt = new Attempt(connection, System.nanoTime());
        controlInFlight.put(c, attempt);
        stats.published.increment();
        uplink.publish(c.message).whenComplete((ok, failure) -> loop.execute(() -> controlCompleted(c, attempt, failure)));
    }

    private void send(long id, Handed h) {
        Attempt attempt = new Attempt(connection, System.nanoTime());
        h.state = State.IN_FLIGHT;
        h.attempt = attempt;
        h.sends++;
        dataInFlight++;
        stats.published.increment();
        uplink.publish(h.message).whenComplete((ok, failure) -> loop.execute(() -> dataCompleted(id, attempt, failure)));
    }

    private void controlCompleted(Control c, Attempt attempt, Throwable failure) {
        if (controlInFlight.get(c) != attempt) {
            return;
        }
        controlInFlight.remove(c);
        if (failure == null) {
            acknowledged(attempt);
            control.remove(c);
            if (wantsReceipts()) {
                controlUnconfirmed.put(c.message.seq(), c);
                while (controlUnconfirmed.size() > MAX_CONTROL_UNCONFIRMED) {
                    controlUnconfirmed.remove(controlUnconfirmed.keySet().iterator().next());
                }
            }
            c.acked.complete(null);
            pump();
            checkDrained();
        } else {
            failed(c.message, failure);
        }
    }

    private void dataCompleted(long id, Attempt attempt, Throwable failure) {
        Handed h = handed.get(id);
        if (h == null || h.attempt != attempt) {
            // confirmed by a receipt that overtook its acknowledgement, or superseded by a later send; a broker that
            // took it still counts, so a clean run acknowledges every message it created
            if (failure == null) {
                acknowledged(attempt);
            }
            return;
        }
        dataInFlight--;
        h.attempt = null;
        h.state = State.UNCONFIRMED;
        if (failure == null) {
            acknowledged(attempt);
            if (!wantsReceipts()) {
                handed.remove(id);
                release(id, h, true);
            } else {
                h.ackedNanos = System.nanoTime();
            }
            pump();
            checkDrained();
        } else {
            h.state = State.DUE;
            due.add(id);
            failed(h.message, failure);
        }
    }

    private void acknowledged(Attempt attempt) {
        refusalPauseMillis = 0;
        stats.acknowledged.increment();
        stats.recordAckLatency(System.nanoTime() - attempt.sentNanos);
    }

    private void failed(OutboundMessage message, Throwable failure) {
        stats.publishFailures.increment();
        if (failure instanceof PublishRefusedException refused) {
            stats.refusedByBroker.increment();
            // a broker that refuses while connected must not be hammered; refusals in a row pause longer
            refusalPauseMillis = refusalPauseMillis == 0 ? FIRST_REFUSAL_PAUSE_MILLIS : Math.min(MAX_REFUSAL_PAUSE_MILLIS, refusalPauseMillis * 2);
            LOG.debug("{} seq {} refused by the broker (reason code 0x{}); sending again in {} ms", deviceId, message.seq(),
                    Integer.toHexString(refused.reasonCode()), refusalPauseMillis);
        } else {
            refusalPauseMillis = Math.max(refusalPauseMillis, FIRST_REFUSAL_PAUSE_MILLIS);
            LOG.debug("{} seq {} not sent, will retry: {}", deviceId, message.seq(), failure.toString());
        }
        if (!uplink.isConnected()) {
            connected = false;
        }
        pausedUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(refusalPauseMillis);
        schedulePump(TimeUnit.MILLISECONDS.toNanos(refusalPauseMillis));
    }

    /** Lets a handed message go: out of the outbox, and told to the listener when it was confirmed. */
    private void release(long id, Handed h, boolean confirmed) {
        if (h.state == State.IN_FLIGHT) {
            dataInFlight--;
        }
        due.remove(id);
        idBySeq.remove(h.message.seq());
        outbox.remove(id);
        if (confirmed) {
            LOG.debug("{} seq {} confirmed", deviceId, h.message.seq());
            confirmedListener.accept(h.message);
        }
    }

    private void checkDrained() {
        if (!drainWaiters.isEmpty() && control.isEmpty() && controlInFlight.isEmpty() && controlUnconfirmed.isEmpty() && handed.isEmpty()
                && outbox.size() == 0) {
            drainWaiters.forEach(w -> w.complete(null));
            drainWaiters.clear();
        }
    }

    private enum State { IN_FLIGHT, UNCONFIRMED, DUE }

    /** A data message out of the outbox: being sent, waiting for its receipt, or due to be sent again. */
    private static final class Handed {
        final OutboundMessage message;
        State state = State.DUE;
        Attempt attempt;
        long ackedNanos;
        int sends;

        Handed(OutboundMessage message) {
            this.message = message;
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
    private record Attempt(long connection, long sentNanos) {
    }
}
