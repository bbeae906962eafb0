package org.kioskops.agent.outbox;

import java.util.List;
import org.kioskops.agent.uplink.OutboundMessage;

/**
 * Messages created but not yet acknowledged by the broker, oldest first. Bounded: when full, appending
 * drops the oldest entry and counts it, so that the freshest state always gets through and the loss is
 * reported rather than silent. Used from one thread at a time (the agent's loop).
 */
public interface Outbox extends AutoCloseable {
    /** Stores a message at the tail and returns its id; ids increase with every append. */
    long append(OutboundMessage message);

    /** Up to {@code max} entries from the head, oldest first, without removing them. */
    List<Entry> peek(int max);

    /**
     * Up to {@code max} entries with an id greater than {@code afterId}, oldest first, without removing them: the
     * publisher takes new messages after the last one it took, while earlier ones wait for their confirmation.
     */
    List<Entry> peekAfter(long afterId, int max);

    /** Removes an acknowledged entry; unknown ids (already dropped or removed) are ignored. */
    void remove(long id);

    /** Entries stored now. */
    int size();

    /** Entries dropped because the outbox was full; for a durable outbox, since it was first created. */
    long dropped();

    /** Writes what is buffered to stable storage; a no-op where there is none. */
    default void flush() {
    }

    /** Releases files; the outbox is unusable afterwards. */
    @Override
    default void close() {
    }

    /** One stored message. */
    record Entry(long id, OutboundMessage message) {
    }
}
