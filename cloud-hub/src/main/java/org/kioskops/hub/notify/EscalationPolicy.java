package org.kioskops.hub.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * An organisation's escalation routes as the steps of a ladder: each route is due at a fixed time after an
 * alert opened, or when the alert passes its response target. While the alert stays unacknowledged, every
 * step whose time has come is notified once; the level is how many distinct step times have passed. Pure.
 */
public final class EscalationPolicy {
    private final List<NotificationRoute> steps;

    /** @param routes an organisation's routes; those that do not escalate are ignored */
    public EscalationPolicy(List<NotificationRoute> routes) {
        this.steps = routes.stream().filter(NotificationRoute::escalates).toList();
    }

    /**
     * What to notify now.
     *
     * @param through the due time of the last step already notified, or null
     * @param due     the routes whose turn came since {@code through}
     * @param level   the escalation level reached, counting distinct due times up to {@code through}
     */
    public record Step(List<NotificationRoute> due, Instant through, int level) {
    }

    /**
     * @param respondBy the alert's response deadline, or null when its owner has no response target
     * @param through   the due time of the last step notified for this alert, or null
     */
    public Step next(Instant openedAt, Instant respondBy, Instant through, Instant now) {
        List<NotificationRoute> due = new ArrayList<>();
        TreeSet<Instant> passed = new TreeSet<>();
        Instant newThrough = through;
        for (NotificationRoute route : steps) {
            Instant at = dueAt(route, openedAt, respondBy);
            if (at == null || at.isAfter(now)) {
                continue;
            }
            passed.add(at);
            if (through == null || at.isAfter(through)) {
                due.add(route);
                newThrough = newThrough == null || at.isAfter(newThrough) ? at : newThrough;
            }
        }
        return new Step(due, newThrough, passed.size());
    }

    private static Instant dueAt(NotificationRoute route, Instant openedAt, Instant respondBy) {
        if (route.escalateAfterMinutes != null) {
            return openedAt.plusSeconds(60L * route.escalateAfterMinutes);
        }
        return route.escalateWhenOverdue ? respondBy : null;
    }
}
