package org.kioskops.hub.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.kioskops.hub.device.Connection;

/**
 * One ingest worker's view of which of its devices have gone silent. Devices in memory are checked
 * directly; devices that are online in the database but not in memory (after a restart of the hub) are
 * named by {@link #suspect} and loaded by the worker first. A device that declared no keep-alive is silent after
 * a fixed time instead. The hub's own downtime is not held against a device: no device counts as silent before its
 * limit has passed since the worker started.
 */
final class SilenceWatch {
    private final Duration margin;
    private final Duration withoutKeepAlive;
    private final long intervalNanos;
    private final Instant startedAt;
    private final ConcurrentLinkedQueue<String> suspects = new ConcurrentLinkedQueue<>();
    private long nextCheck;

    /**
     * @param withoutKeepAlive how long a device that declared no keep-alive may be quiet; zero: for ever
     */
    SilenceWatch(Duration margin, Duration withoutKeepAlive, Duration interval, Instant startedAt) {
        this.margin = margin;
        this.withoutKeepAlive = withoutKeepAlive;
        this.intervalNanos = interval.toNanos();
        this.startedAt = startedAt;
        this.nextCheck = System.nanoTime() + intervalNanos;
    }

    long intervalMillis() {
        return TimeUnit.NANOSECONDS.toMillis(intervalNanos);
    }

    /** Names a device that may be silent although the worker does not hold it; any thread. */
    void suspect(String deviceId) {
        suspects.add(deviceId);
    }

    /** Whether a check is due now; moves the next one on if so. */
    boolean due() {
        long now = System.nanoTime();
        if (now < nextCheck) {
            return false;
        }
        nextCheck = now + intervalNanos;
        return true;
    }

    /** The suspects named since the last call. */
    Set<String> drainSuspects() {
        Set<String> ids = new TreeSet<>();
        String id;
        while ((id = suspects.poll()) != null) {
            ids.add(id);
        }
        return ids;
    }

    /** The online devices among {@code devices} that have been silent too long at {@code now}. */
    List<LiveDevice> silent(Collection<LiveDevice> devices, Instant now) {
        List<LiveDevice> silent = new ArrayList<>();
        for (LiveDevice d : devices) {
            if (d.connection != Connection.ONLINE || d.lastSeenAt == null || d.keepAliveSeconds == null && withoutKeepAlive.isZero()) {
                continue;
            }
            Instant heard = d.lastSeenAt.isAfter(startedAt) ? d.lastSeenAt : startedAt;
            Instant deadline = d.keepAliveSeconds != null ? Liveness.silentAfter(heard, d.keepAliveSeconds, margin) : heard.plus(withoutKeepAlive);
            if (now.isAfter(deadline)) {
                silent.add(d);
            }
        }
        return silent;
    }
}
