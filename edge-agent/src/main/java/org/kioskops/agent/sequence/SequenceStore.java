package org.kioskops.agent.sequence;

/**
 * Hands out the device's message sequence numbers: increasing by one, never repeating, across restarts.
 * The hub tells lost messages from redelivered ones by these numbers, so a number must never go back.
 */
public interface SequenceStore extends AutoCloseable {
    /** The next number, durably accounted for before it is returned. */
    long next();

    /**
     * Names this numbering. It changes only when numbering starts again from zero (state lost), which
     * tells the hub to start counting afresh.
     */
    String epoch();

    @Override
    void close();
}
