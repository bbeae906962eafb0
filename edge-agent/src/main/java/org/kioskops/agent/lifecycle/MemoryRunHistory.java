package org.kioskops.agent.lifecycle;

import org.kioskops.protocol.Birth;

/**
 * {@link RunHistory} in memory, for simulated kiosks: one instance outlives the agents it is given to, so a
 * simulated kiosk restarted after {@code kill()} reports an unclean stop, as a real box would after a power
 * cut.
 */
public final class MemoryRunHistory implements RunHistory {
    private Birth.LastStop last;
    private boolean running;

    @Override
    public synchronized Birth.LastStop begin() {
        Birth.LastStop previous = running ? Birth.LastStop.UNCLEAN : last;
        running = true;
        return previous;
    }

    @Override
    public synchronized void endCleanly() {
        running = false;
        last = Birth.LastStop.CLEAN;
    }
}
