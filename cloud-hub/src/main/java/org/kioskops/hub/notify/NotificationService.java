package org.kioskops.hub.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.kioskops.hub.audit.AuditLog;
import org.kioskops.hub.error.HubException;

/**
 * Routes of notifications and the queue of notices: which routes hear of an alert's change, queued in the
 * transaction that makes the change, so a notice is never lost nor sent for a change that rolled back.
 * Route changes are audited.
 */
@ApplicationScoped
public class NotificationService {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+");
    private static final int MAX_EMAILS = 10;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    /** A route as the API shows it; the secret is never shown, only whether there is one. */
    public record RouteView(long id, String organisation, String channel, String target, boolean signed,
                            Integer escalateAfterMinutes, boolean escalateWhenOverdue, Instant createdAt, String createdBy) {
        static RouteView of(NotificationRoute r) {
            return new RouteView(r.id, r.organisation, r.channel.wire(), r.target, r.secret != null, r.escalateAfterMinutes,
                    r.escalateWhenOverdue, r.createdAt, r.createdBy);
        }
    }

    /** One entry of the delivery log. */
    public record DeliveryView(long id, Long alertId, Long routeId, String event, String channel, String target,
                               String status, int attempts, Instant createdAt, Instant nextAttemptAt, Instant sentAt,
                               String lastError) {
        static DeliveryView of(Notification n) {
            return new DeliveryView(n.id, n.alertId, n.routeId, n.event.wire(), n.channel.wire(), n.target,
                    n.status.name().toLowerCase(Locale.ROOT), n.attempts, n.createdAt,
                    n.status == DeliveryStatus.PENDING ? n.nextAttemptAt : null, n.sentAt, n.lastError);
        }
    }

    /** Every route, by organisation; call inside a transaction. */
    public Map<String, List<NotificationRoute>> routesByOrganisation() {
        Map<String, List<NotificationRoute>> routes = new HashMap<>();
        NotificationRoute.<NotificationRoute>listAll().forEach(r -> routes.computeIfAbsent(r.organisation, o -> new ArrayList<>()).add(r));
        return routes;
    }

    /** The organisation whose routes hear of an alert with this owner. */
    public static String organisationOf(String owner) {
        return owner == null ? NotificationRoute.UNOWNED : owner;
    }

    /**
     * Queues a notice of an alert's change to the organisation's direct routes and, when the alert was
     * escalated, to the escalation routes already told (so they learn it is being handled). Call in the
     * transaction of the change.
     *
     * @param escalatedThrough the due time of the last escalation step taken for the alert, or null
     */
    public void queue(Notice notice, List<NotificationRoute> routes, Instant escalatedThrough) {
        EscalationPolicy.Step told = escalatedThrough == null ? null
                : new EscalationPolicy(routes).next(notice.openedAt(), notice.respondBy(), null, escalatedThrough);
        for (NotificationRoute route : routes) {
            if (!route.escalates() || (told != null && told.due().contains(route))) {
                enqueue(notice, route);
            }
        }
    }

    /** Queues an escalation notice to the routes whose turn came. */
    public void escalate(Notice notice, List<NotificationRoute> due) {
        due.forEach(route -> enqueue(notice, route));
    }

    private void enqueue(Notice notice, NotificationRoute route) {
        Notification n = new Notification();
        n.alertId = notice.event().equals(NoticeEvent.TEST.wire()) ? null : notice.alertId();
        n.routeId = route.id;
        n.event = NoticeEvent.valueOf(notice.event().toUpperCase(Locale.ROOT));
        n.channel = route.channel;
        n.target = route.target;
        n.notice = write(notice);
        n.status = DeliveryStatus.PENDING;
        n.createdAt = clock.instant();
        n.nextAttemptAt = n.createdAt;
        n.persist();
    }

    String write(Notice notice) {
        try {
            return json.writeValueAsString(notice);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a notice is always serialisable", e);
        }
    }

    Notice read(String notice) {
        try {
            return json.readValue(notice, Notice.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored notice no longer reads: " + e.getOriginalMessage(), e);
        }
    }

    @Transactional
    public List<RouteView> routes(String organisation) {
        List<NotificationRoute> routes = organisation == null ? NotificationRoute.list("order by organisation, id")
                : NotificationRoute.list("organisation = ?1 order by id", organisation);
        return routes.stream().map(RouteView::of).toList();
    }

    /** Adds a route after checking that its target can work for its channel. */
    @Transactional
    public RouteView addRoute(String organisation, String channelName, String target, String secret, Integer escalateAfterMinutes,
                              boolean escalateWhenOverdue, String actor) {
        if (organisation == null || organisation.isBlank() || organisation.length() > 200) {
            throw new HubException(NotifyError.INVALID_ROUTE, "organisation is required, up to 200 characters ('*': alerts without an owner)");
        }
        Channel channel = Channel.ofWire(channelName).orElseThrow(() -> new HubException(NotifyError.INVALID_ROUTE,
                "channel must be webhook, wecom, dingtalk or email"));
        if (target == null || target.isBlank() || target.length() > 1000) {
            throw new HubException(NotifyError.INVALID_ROUTE, "target is required, up to 1000 characters");
        }
        String cleanTarget = target.strip();
        if (channel == Channel.EMAIL) {
            String[] addresses = cleanTarget.split("\\s*,\\s*");
            if (addresses.length > MAX_EMAILS || !Arrays.stream(addresses).allMatch(a -> EMAIL.matcher(a).matches())) {
                throw new HubException(NotifyError.INVALID_ROUTE, "target must be 1 to " + MAX_EMAILS + " email addresses, comma separated");
            }
        } else {
            requireHttpUrl(cleanTarget);
        }
        if (secret != null && (secret.isBlank() || secret.length() > 200)) {
            throw new HubException(NotifyError.INVALID_ROUTE, "a secret has 1 to 200 characters");
        }
        if (escalateAfterMinutes != null && (escalateAfterMinutes < 1 || escalateAfterMinutes > 60 * 24 * 30)) {
            throw new HubException(NotifyError.INVALID_ROUTE, "escalateAfterMinutes is 1 to 43200");
        }
        if (escalateAfterMinutes != null && escalateWhenOverdue) {
            throw new HubException(NotifyError.INVALID_ROUTE, "escalate either after a number of minutes or when overdue, not both");
        }
        NotificationRoute route = new NotificationRoute();
        route.organisation = organisation.strip();
        route.channel = channel;
        route.target = cleanTarget;
        route.secret = secret;
        route.escalateAfterMinutes = escalateAfterMinutes;
        route.escalateWhenOverdue = escalateWhenOverdue;
        route.createdAt = clock.instant();
        route.createdBy = actor;
        route.persist();
        audit.record(actor, "route.added", "organisation:" + route.organisation, channel.wire() + " " + route.target
                + (route.escalates() ? " (escalation)" : ""));
        return RouteView.of(route);
    }

    private static void requireHttpUrl(String target) {
        try {
            URI uri = URI.create(target);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("not http");
            }
        } catch (IllegalArgumentException e) {
            throw new HubException(NotifyError.INVALID_ROUTE, "target must be an http or https URL");
        }
    }

    /** Removes a route; its delivery log stays. */
    @Transactional
    public void removeRoute(long id, String actor) {
        NotificationRoute route = NotificationRoute.findById(id);
        if (route == null) {
            throw new HubException(NotifyError.ROUTE_NOT_FOUND, "no notification route " + id);
        }
        Notification.update("routeId = null where routeId = ?1", id);
        route.delete();
        audit.record(actor, "route.removed", "organisation:" + route.organisation, route.channel.wire() + " " + route.target);
    }

    /** Queues a test notice to one route, so that whoever set it up sees it arrive (or why it does not). */
    @Transactional
    public DeliveryView test(long routeId, String actor) {
        NotificationRoute route = NotificationRoute.findById(routeId);
        if (route == null) {
            throw new HubException(NotifyError.ROUTE_NOT_FOUND, "no notification route " + routeId);
        }
        Instant now = clock.instant();
        Notice notice = new Notice(Notice.VERSION, NoticeEvent.TEST.wire(), 0, "test-device", "test-site", "device", "test",
                "info", "open", "hardware", route.organisation, null, "a test of this route, sent by " + actor, now, now, null, null,
                0, actor, null, now, null);
        enqueue(notice, route);
        audit.record(actor, "route.tested", "organisation:" + route.organisation, route.channel.wire() + " " + route.target);
        return Notification.<Notification>find("routeId = ?1 order by id desc", routeId).firstResultOptional().map(DeliveryView::of)
                .orElseThrow();
    }

    @Transactional
    public List<DeliveryView> deliveries(Long alertId, String status, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new HubException(NotifyError.INVALID_ROUTE, "limit must be 1 to 1000");
        }
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (alertId != null) {
            where.append(" and alertId = :alert");
            params.put("alert", alertId);
        }
        if (status != null) {
            try {
                params.put("status", DeliveryStatus.valueOf(status.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new HubException(NotifyError.INVALID_ROUTE, "status must be pending, sent or failed");
            }
            where.append(" and status = :status");
        }
        return Notification.<Notification>find(where + " order by id desc", params).page(0, limit).stream()
                .map(DeliveryView::of).toList();
    }

    /** Sends a failed notification again, from its first attempt (after its route was mended, say). */
    @Transactional
    public DeliveryView retry(long id, String actor) {
        Notification n = Notification.findById(id);
        if (n == null) {
            throw new HubException(NotifyError.NOTIFICATION_NOT_FOUND, "no notification " + id);
        }
        if (n.status == DeliveryStatus.FAILED) {
            NotificationRoute route = n.routeId == null ? null : NotificationRoute.findById(n.routeId);
            if (route != null) {
                n.target = route.target;
                n.channel = route.channel;
            }
            n.status = DeliveryStatus.PENDING;
            n.attempts = 0;
            n.nextAttemptAt = clock.instant();
            audit.record(actor, "notification.retried", n.alertId == null ? "route:" + n.routeId : "alert:" + n.alertId, "notification " + id + " to " + n.target);
        }
        return DeliveryView.of(n);
    }
}
