package org.kioskops.hub.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kioskops.hub.notify.NoticeEvent;
import org.kioskops.hub.notify.NotificationRoute;

/** Alert notices kept in a list instead of queued for routes: who was told what. */
final class RecordedNotices implements AlertNotices {
    /** One notice as the routes would get it. */
    record Told(long alertId, NoticeEvent event, String owner, String actor, String note, Instant at) {
    }

    private final List<Told> told = new ArrayList<>();

    @Override
    public Map<String, List<NotificationRoute>> routes() {
        return Map.of();
    }

    @Override
    public void tell(Map<String, List<NotificationRoute>> routes, Alert alert, NoticeEvent event, String actor, String note, Instant now) {
        told.add(new Told(alert.id, event, alert.owner, actor, note, now));
    }

    @Override
    public int escalate(Map<String, List<NotificationRoute>> routes, List<Alert> alerts, Instant now) {
        return 0;
    }

    List<Told> told() {
        return List.copyOf(told);
    }
}
