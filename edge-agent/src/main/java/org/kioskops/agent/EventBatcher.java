package org.kioskops.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.kioskops.protocol.DeviceEvent;
import org.kioskops.protocol.Limits;

/**
 * Gathers the box's events into batches: one message per flush window (the hub's {@code eventFlushMillis}), or
 * at once when a batch reaches {@link Limits#MAX_EVENTS_PER_BATCH}, so that a burst of locker events costs one
 * sequence number and one publish rather than dozens. Confined to the agent's loop.
 */
final class EventBatcher {
    private final ScheduledExecutorService loop;
    private final IntSupplier flushMillis;
    private final BooleanSupplier held;
    private final Consumer<List<DeviceEvent>> send;
    private final List<DeviceEvent> pending = new ArrayList<>();
    private ScheduledFuture<?> flush;

    /**
     * @param flushMillis the window in force, read when a batch opens
     * @param held        while true, events wait in memory (a hung agent's, for fault injection)
     * @param send        queues one batch; called on the loop
     */
    EventBatcher(ScheduledExecutorService loop, IntSupplier flushMillis, BooleanSupplier held, Consumer<List<DeviceEvent>> send) {
        this.loop = loop;
        this.flushMillis = flushMillis;
        this.held = held;
        this.send = send;
    }

    /** Adds an event to the open batch, opening one if none is. */
    void add(DeviceEvent event) {
        pending.add(event);
        if (pending.size() >= Limits.MAX_EVENTS_PER_BATCH) {
            flush();
        } else if (flush == null) {
            flush = loop.schedule(this::flush, flushMillis.getAsInt(), TimeUnit.MILLISECONDS);
        }
    }

    /** Sends the open batch now, if there is one and events are not held. */
    void flush() {
        if (held.getAsBoolean()) {
            return;
        }
        if (flush != null) {
            flush.cancel(false);
            flush = null;
        }
        if (!pending.isEmpty()) {
            send.accept(List.copyOf(pending));
            pending.clear();
        }
    }
}
