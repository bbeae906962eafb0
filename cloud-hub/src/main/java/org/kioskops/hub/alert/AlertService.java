package org.kioskops.hub.alert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.kioskops.hub.audit.AuditLog;
import org.kioskops.hub.error.HubException;
import org.kioskops.hub.notify.NoticeEvent;

/**
 * What people do with alerts, each action audited and told to the owner's routes: list and read them,
 * acknowledge, resolve with a note, assign to a person or another organisation, comment. {@link AlertRounds}
 * opens and resolves them from the devices' state.
 */
@ApplicationScoped
public class AlertService {
    private static final int MAX_PAGE = 1000;
    private static final int MAX_TEXT = 2000;
    private static final int MAX_NAME = 200;

    private final AlertStore alerts;
    private final AuditLog audit;
    private final AlertNotices notices;
    private final Clock clock;

    @Inject
    AlertService(AlertStore alerts, AuditLog audit, AlertNotices notices, Clock clock) {
        this.alerts = alerts;
        this.audit = audit;
        this.notices = notices;
        this.clock = clock;
    }

    /** An alert with its comments, outside the persistence layer. */
    public record View(long id, String deviceId, String siteId, String component, String type, String severity,
                       String concern, String owner, AlertStatus status, String detail, Instant conditionSince, Instant openedAt, Instant clearedAt,
                       Instant acknowledgedAt, String acknowledgedBy, Instant resolvedAt, String resolvedBy, String resolutionNote,
                       int recurrences, Instant respondBy, Instant repairBy, boolean responseOverdue, boolean repairOverdue,
                       Long suppressedBy, String assignee, int escalationLevel, List<Comment> comments) {
    }

    /** A comment on an alert. */
    public record Comment(Instant at, String actor, String body) {
    }

    /**
     * Filters of {@link #list}; null fields do not filter. {@code status} may also be {@code active} (open or
     * acknowledged); {@code overdue} keeps the alerts past their response or repair deadline.
     */
    public record Filter(String status, String siteId, String deviceId, String type, String owner, boolean overdue, Instant from,
                         Instant to, int limit) {
    }

    @Transactional
    public List<View> list(Filter filter) {
        if (filter.limit() < 1 || filter.limit() > MAX_PAGE) {
            throw new HubException(AlertError.INVALID_ALERT_REQUEST, "limit must be 1 to " + MAX_PAGE);
        }
        Set<AlertStatus> statuses = statuses(filter.status());
        String sitePath = null;
        if (filter.siteId() != null) {
            sitePath = alerts.sitePath(filter.siteId())
                    .orElseThrow(() -> new HubException(AlertError.INVALID_ALERT_REQUEST, "no site '" + filter.siteId() + "'"));
        }
        Instant now = clock.instant();
        AlertQuery query = new AlertQuery(statuses, sitePath, filter.deviceId(), filter.type(), filter.owner(), filter.overdue() ? now : null,
                filter.from(), filter.to(), filter.limit());
        return alerts.matching(query).stream().map(a -> view(a, List.of(), now)).toList();
    }

    private static Set<AlertStatus> statuses(String name) {
        if (name == null) {
            return Set.of();
        }
        String status = name.toUpperCase(Locale.ROOT);
        if (status.equals("ACTIVE")) {
            return EnumSet.of(AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED);
        }
        try {
            return EnumSet.of(AlertStatus.valueOf(status));
        } catch (IllegalArgumentException e) {
            throw new HubException(AlertError.INVALID_ALERT_REQUEST, "status must be open, acknowledged, resolved, suppressed or active");
        }
    }

    @Transactional
    public View get(long id) {
        Alert alert = require(id);
        return view(alert, comments(id));
    }

    @Transactional
    public View acknowledge(long id, String actor) {
        Alert alert = require(id);
        if (alert.status == AlertStatus.RESOLVED) {
            throw new HubException(AlertError.ALERT_RESOLVED, "alert " + id + " was resolved at " + alert.resolvedAt);
        }
        if (alert.status == AlertStatus.OPEN) {
            alert.status = AlertStatus.ACKNOWLEDGED;
            alert.acknowledgedAt = clock.instant();
            alert.acknowledgedBy = actor;
            audit.record(actor, "alert.acknowledged", "alert:" + id, alert.deviceId + " " + alert.type);
            notices.tell(notices.routes(), alert, NoticeEvent.ACKNOWLEDGED, actor, null, alert.acknowledgedAt);
        }
        return view(alert, comments(id));
    }

    /** Resolves by hand; if the condition still holds, the next evaluation opens a new alert. */
    @Transactional
    public View resolve(long id, String actor, String note) {
        if (note == null || note.isBlank() || note.length() > MAX_TEXT) {
            throw new HubException(AlertError.INVALID_ALERT_REQUEST, "a note of 1 to " + MAX_TEXT + " characters is required: what was done");
        }
        Alert alert = require(id);
        if (alert.status == AlertStatus.RESOLVED) {
            throw new HubException(AlertError.ALERT_RESOLVED, "alert " + id + " was resolved at " + alert.resolvedAt);
        }
        AlertEvaluator.resolve(alert, clock.instant(), actor, note);
        audit.record(actor, "alert.resolved", "alert:" + id, note);
        notices.tell(notices.routes(), alert, NoticeEvent.RESOLVED, actor, note, alert.resolvedAt);
        return view(alert, comments(id));
    }

    /**
     * Gives an alert to a person, and optionally to another organisation (whose routes then hear of it, as of
     * an alert that opens). Audited.
     */
    @Transactional
    public View assign(long id, String assignee, String organisation, String actor) {
        if ((assignee == null || assignee.isBlank()) && (organisation == null || organisation.isBlank())) {
            throw new HubException(AlertError.INVALID_ALERT_REQUEST, "name an assignee, an organisation, or both");
        }
        for (String name : new String[] {assignee, organisation}) {
            if (name != null && name.length() > MAX_NAME) {
                throw new HubException(AlertError.INVALID_ALERT_REQUEST, "names take up to " + MAX_NAME + " characters");
            }
        }
        Alert alert = require(id);
        if (alert.status == AlertStatus.RESOLVED) {
            throw new HubException(AlertError.ALERT_RESOLVED, "alert " + id + " was resolved at " + alert.resolvedAt);
        }
        boolean newOwner = organisation != null && !organisation.isBlank() && !organisation.strip().equals(alert.owner);
        if (newOwner) {
            alert.owner = organisation.strip();
            alert.escalationLevel = 0;
            alert.escalatedThrough = null;
        }
        if (assignee != null && !assignee.isBlank()) {
            alert.assignee = assignee.strip();
        }
        audit.record(actor, "alert.assigned", "alert:" + id, (newOwner ? alert.owner + ": " : "") + (alert.assignee == null ? "" : alert.assignee));
        if (newOwner) {
            notices.tell(notices.routes(), alert, NoticeEvent.OPENED, actor, "assigned to " + alert.owner, clock.instant());
        }
        return view(alert, comments(id));
    }

    @Transactional
    public View comment(long id, String actor, String body) {
        if (body == null || body.isBlank() || body.length() > MAX_TEXT) {
            throw new HubException(AlertError.INVALID_ALERT_REQUEST, "a comment has 1 to " + MAX_TEXT + " characters");
        }
        Alert alert = require(id);
        alerts.addComment(id, new Comment(clock.instant(), actor, body));
        audit.record(actor, "alert.commented", "alert:" + id, body);
        return view(alert, comments(id));
    }

    private Alert require(long id) {
        return alerts.find(id).orElseThrow(() -> new HubException(AlertError.ALERT_NOT_FOUND, "no alert " + id));
    }

    private List<Comment> comments(long id) {
        return alerts.comments(id);
    }

    private View view(Alert a, List<Comment> comments) {
        return view(a, comments, clock.instant());
    }

    private static View view(Alert a, List<Comment> comments, Instant now) {
        return new View(a.id, a.deviceId, a.siteId, a.component, a.type, a.severity, a.concern, a.owner, a.status, a.detail, a.conditionSince,
                a.openedAt, a.clearedAt, a.acknowledgedAt, a.acknowledgedBy, a.resolvedAt, a.resolvedBy, a.resolutionNote,
                a.recurrences, a.respondBy, a.repairBy, AlertClocks.responseOverdue(a.status, a.respondBy, now),
                AlertClocks.repairOverdue(a.status, a.repairBy, now), a.suppressedBy, a.assignee, a.escalationLevel, comments);
    }
}
