package org.kioskops.agent;

import org.kioskops.agent.sequence.SequenceStore;

/**
 * The session numbers of the agent's connections: the one reserved for the next attempt's will (reused until
 * a connection succeeds, so failed attempts leave no hole in the sequence) and the one the current connection
 * announced in its birth, which heartbeats repeat. Written on the uplink's thread, read on the agent's loop.
 */
final class Sessions {
    private final SequenceStore sequence;
    private long pending = -1;
    private long announced = -1;

    Sessions(SequenceStore sequence) {
        this.sequence = sequence;
    }

    /** The number the next connection attempt announces, reserved now for its will. */
    synchronized long reserveForAttempt() {
        pending = sequence.pendingSession();
        return pending;
    }

    /** The attempt succeeded: its number is announced and the next attempt needs a new one. */
    synchronized long connected() {
        announced = pending;
        sequence.sessionAnnounced(announced);
        return announced;
    }

    /** The session the current or last connection announced, or -1 before the first. */
    synchronized long announced() {
        return announced;
    }

    /** The session the will of the last attempt names: the one a clean offline status speaks for. */
    synchronized long lastAttempt() {
        return pending;
    }
}
