package org.kioskops.agent.outbox;

import java.util.List;
import java.util.TreeMap;
import org.kioskops.agent.uplink.OutboundMessage;

/** An {@link Outbox} in memory: survives reconnects, not restarts. Thread-safe. */
public final class MemoryOutbox implements Outbox {
    private final int capacity;
    private final TreeMap<Long, OutboundMessage> entries = new TreeMap<>();
    private long nextId;
    private long dropped;

    public MemoryOutbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized long append(OutboundMessage message) {
        if (entries.size() >= capacity) {
            entries.pollFirstEntry();
            dropped++;
        }
        long id = nextId++;
        entries.put(id, message);
        return id;
    }

    @Override
    public synchronized List<Entry> peek(int max) {
        return OutboxEntries.head(entries, max);
    }

    @Override
    public synchronized List<Entry> peekAfter(long afterId, int max) {
        return OutboxEntries.head(entries.tailMap(afterId, false), max);
    }

    @Override
    public synchronized void remove(long id) {
        entries.remove(id);
    }

    @Override
    public synchronized int size() {
        return entries.size();
    }

    @Override
    public synchronized long dropped() {
        return dropped;
    }
}
