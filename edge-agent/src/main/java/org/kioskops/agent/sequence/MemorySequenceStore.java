package org.kioskops.agent.sequence;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link SequenceStore} that starts at a given number and forgets on exit; for simulators and tests. */
public final class MemorySequenceStore implements SequenceStore {
    private final AtomicLong next;
    private final String epoch = Long.toHexString(new SecureRandom().nextLong());

    public MemorySequenceStore(long start) {
        this.next = new AtomicLong(start);
    }

    @Override
    public String epoch() {
        return epoch;
    }

    @Override
    public long next() {
        return next.getAndIncrement();
    }

    private long pending = -1;

    @Override
    public synchronized long pendingSession() {
        if (pending < 0) {
            pending = next();
        }
        return pending;
    }

    @Override
    public synchronized void sessionAnnounced(long session) {
        if (pending == session) {
            pending = -1;
        }
    }

    @Override
    public void close() {
        // nothing held
    }
}
