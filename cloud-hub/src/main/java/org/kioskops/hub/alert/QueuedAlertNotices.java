package org.kioskops.hub.alert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kioskops.hub.audit.AuditLog;
import org.kioskops.hub.notify.EscalationPolicy;
import org.kioskops.hub.notify.Notice;
import org.kioskops.hub.notify.NoticeEvent;
import org.kioskops.hub.notify.NotificationConfig;
import org.kioskops.hub.notify.NotificationRoute;
import org.kioskops.hub.notify.NotificationService;

/** Alert notices queued in the notification outbox of {@code org.kioskops.hub.notify}, in the transaction of the change. */
@ApplicationScoped
class QueuedAlertNotices implements AlertNotices {
    @Inject
    NotificationService notifications;

    @Inject
    AuditLog audit;

    @Inject
    NotificationConfig config;

    @Override
    public Map<String, List<NotificationRoute>> routes() {
        return notifications.routesByOrganisation();
    }

    @Override
    public void tell(Map<String, List<NotificationRoute>> routes, Alert alert, NoticeEvent event, String actor, String note, Instant now) {
        notifications.queue(notice(alert, event, actor, note, now), routesOf(routes, alert), alert.escalatedThrough);
    }

    @Override
    public int escalate(Map<String, List<NotificationRoute>> routes, List<Alert> alerts, Instant now) {
        int escalated = 0;
        for (Alert alert : alerts) {
            if (alert.status != AlertStatus.OPEN) {
                continue;
            }
            List<NotificationRoute> own = routesOf(routes, alert);
            if (own.isEmpty()) {
                continue;
            }
            EscalationPolicy.Step step = new EscalationPolicy(own).next(alert.openedAt, alert.respondBy, alert.escalatedThrough, now);
            if (step.due().isEmpty()) {
                continue;
            }
            alert.escalatedThrough = step.through();
            alert.escalationLevel = step.level();
            notifications.escalate(notice(alert, NoticeEvent.ESCALATED, AlertEvaluator.SYSTEM, null, now), step.due());
            audit.record(AlertEvaluator.SYSTEM, "alert.escalated", "alert:" + alert.id, "level " + step.level() + ": not acknowledged since "
                    + alert.openedAt + ", told " + step.due().stream().map(r -> r.channel.wire() + " " + r.target).toList());
            escalated++;
        }
        return escalated;
    }

    private static List<NotificationRoute> routesOf(Map<String, List<NotificationRoute>> routes, Alert alert) {
        return routes.getOrDefault(NotificationService.organisationOf(alert.owner), List.of());
    }

    private Notice notice(Alert a, NoticeEvent event, String actor, String note, Instant now) {
        String link = config.dashboardUrl().map(u -> u.replaceAll("/+$", "") + "/alerts/" + a.id).orElse(null);
        return new Notice(Notice.VERSION, event.wire(), a.id, a.deviceId, a.siteId, a.component, a.type, a.severity,
                a.status.name().toLowerCase(Locale.ROOT), a.concern, a.owner, a.assignee, a.detail, a.conditionSince, a.openedAt,
                a.respondBy, a.repairBy, a.escalationLevel, actor, note, now, link);
    }
}
