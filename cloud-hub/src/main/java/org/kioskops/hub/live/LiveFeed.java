package org.kioskops.hub.live;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.kioskops.hub.alert.Alert;
import org.kioskops.hub.alert.AlertStatus;
import org.kioskops.hub.device.Connection;
import org.kioskops.hub.device.DeviceState;

/**
 * Tells open dashboards that what they show has changed: once a second the hub reads a fingerprint of the
 * fleet's state (active alerts and their last change, comments, devices online) and, when it differs, sends every
 * listener the new version number. Pages then fetch what they show again; the feed itself carries no data, so
 * it needs no permission of its own beyond the pages' reads.
 */
@ApplicationScoped
public class LiveFeed {
    private final BroadcastProcessor<Long> changes = BroadcastProcessor.create();
    private final AtomicLong version = new AtomicLong();
    private volatile String fingerprint = "";

    /** Version numbers, one each time the fleet's state changes; the current one first. */
    public Multi<Long> versions() {
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(version::get), changes);
    }

    @Scheduled(every = "1s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void look() {
        String now = QuarkusTransaction.requiringNew().call(LiveFeed::read);
        if (!now.equals(fingerprint)) {
            fingerprint = now;
            changes.onNext(version.incrementAndGet());
        }
    }

    /**
     * Which alerts are active, which acknowledged or assigned, which conditions cleared, the latest comment; how many
     * devices are online.
     */
    private static String read() {
        Object[] alerts = (Object[]) Alert.getEntityManager().createQuery("select count(a), coalesce(sum(a.id), 0), max(a.acknowledgedAt), "
                        + "count(a.clearedAt), count(a.assignee) from Alert a where a.status in (:active)")
                .setParameter("active", List.of(AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED)).getSingleResult();
        Object lastComment = Alert.getEntityManager().createQuery("select max(c.id) from AlertComment c").getSingleResult();
        return Arrays.toString(alerts) + "|" + lastComment + "|" + DeviceState.count("connection", Connection.ONLINE);
    }
}
