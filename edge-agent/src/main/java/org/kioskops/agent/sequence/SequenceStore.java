package org.kioskops.agent.sequence;

/**
 * Hands out the device's message sequence numbers: increasing by one, never repeating, across restarts.
 * The hub tells lost messages from redelivered ones by these numbers, so a number must never go back.
 */
public interface SequenceStore extends AutoCloseable {
    /** The next number, durably accounted for before it is returned. */
    long next();

    /**
     * The number for the will of the next connection: the one reserved earlier if no connection has
     * announced it yet, else a new one. A durable store keeps the reservation across restarts, so that a box
     * killed while it could not connect leaves no hole in the numbering: its next run announces that number.
     */
    long pendingSession();

    /** A connection announced {@code session} in its birth; the next connection needs a new number. */
    void sessionAnnounced(long session);

    /**
     * Names this numbering. It changes only when numbering starts again from zero (state lost), which
     * tells the hub to start counting afresh.
     */
    String epoch();

    @Override
    void close();
}
