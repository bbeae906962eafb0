package org.kioskops.hub.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The most recent rejections, newest first, so that whoever builds a device can see why the hub refused
 * its messages without access to the hub's logs.
 */
@ApplicationScoped
public class RejectionLog {
    private final Deque<Rejection> recent = new ArrayDeque<>();
    private final int capacity;

    @Inject
    public RejectionLog(IngestConfig config) {
        this.capacity = config.rejectionLogSize();
    }

    synchronized void add(Rejection rejection) {
        if (recent.size() >= capacity) {
            recent.removeLast();
        }
        recent.addFirst(rejection);
    }

    /** Up to {@code limit} recent rejections, newest first, optionally of one device only. */
    public synchronized List<Rejection> recent(String deviceId, int limit) {
        List<Rejection> result = new ArrayList<>();
        for (Rejection r : recent) {
            if (result.size() >= limit) {
                break;
            }
            if (deviceId == null || deviceId.equals(r.deviceId())) {
                result.add(r);
            }
        }
        return result;
    }
}
