package org.kioskops.agent.lifecycle;

import org.kioskops.protocol.Birth;

/**
 * Whether the agent's previous run ended cleanly: the hub tells a power cut or crash from a planned stop by
 * it. Adapters: {@link FileRunHistory} (a marker in the state directory, kept across power cuts) and
 * {@link MemoryRunHistory} (simulated kiosks and tests).
 */
public interface RunHistory {
    /**
     * Called once at start: reports how the previous run ended and marks this run as running.
     *
     * @return how the previous run ended, or null when there was none (first start, state wiped)
     */
    Birth.LastStop begin();

    /** Marks this run as ended cleanly; called last on a clean stop. */
    void endCleanly();
}
