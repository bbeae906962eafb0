package org.kioskops.hub.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.kioskops.hub.notify.NoticeEvent;
import org.kioskops.hub.notify.NotificationRoute;

/**
 * Tells the owners' routes about alert changes, and escalates alerts nobody acknowledged in time. Called in
 * the transaction of the change, so that the notice and the change commit together.
 */
interface AlertNotices {
    /** The routes by organisation as they are for one evaluation or one request. */
    Map<String, List<NotificationRoute>> routes();

    /** Tells the routes of the alert's owner that it changed ({@code actor} and {@code note} may be null). */
    void tell(Map<String, List<NotificationRoute>> routes, Alert alert, NoticeEvent event, String actor, String note, Instant now);

    /** Escalates each open (unacknowledged) alert whose next step is due; returns how many were escalated. */
    int escalate(Map<String, List<NotificationRoute>> routes, List<Alert> alerts, Instant now);
}
