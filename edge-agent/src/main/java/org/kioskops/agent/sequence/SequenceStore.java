package org.kioskops.agent.sequence;

/**
 * Hands out the device's message sequence numbers: increasing by one, never repeating, across restarts.
 * The hub tells lost messages from redelivered ones by these numbers, so a number must never go back.
 */
public interface SequenceStore extends AutoCloseable {
    /** The next number, durably accounted for before it is returned. */
    long next();

    @Override
    void close();
}
