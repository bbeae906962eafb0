package org.kioskops.hub.alert;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.kioskops.hub.audit.AuditLog;
import org.kioskops.hub.device.ConditionsChanged;
import org.kioskops.hub.error.HubException;
import org.kioskops.hub.notify.NoticeEvent;
import org.kioskops.hub.notify.NotificationRoute;
import org.kioskops.hub.owner.Concern;
import org.kioskops.hub.owner.OwnerService;
import org.kioskops.hub.site.SiteNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises and resolves alerts from the devices' state, on a timer, and carries out what people do with them:
 * acknowledge, resolve with a note, comment. Every human action is audited.
 */
@ApplicationScoped
public class AlertService {
    private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);
    private static final int MAX_PAGE = 1000;

    private final AlertConfig settings;
    private final DeviceConditions conditions;
    private final AuditLog audit;
    private final Clock clock;
    private final AlertEvaluator evaluator;
    private final OwnerService owners;
    private final MaintenanceService maintenance;
    private final AlertNotices notices;
    private final SiteConditions siteConditions;
    private final Timer evaluations;
    private volatile Instant nextEvaluation = Instant.EPOCH;
    private final AtomicLong unresolvedCount = new AtomicLong();

    @Inject
    public AlertService(AlertConfig config, DeviceConditions conditions, AuditLog audit, Clock clock,
                        MeterRegistry registry, OwnerService owners, MaintenanceService maintenance,
                        AlertNotices notices, SiteConditions siteConditions) {
        this.notices = notices;
        this.siteConditions = siteConditions;
        this.owners = owners;
        this.maintenance = maintenance;
        this.settings = config;
        this.conditions = conditions;
        this.audit = audit;
        this.clock = clock;
        this.evaluator = new AlertEvaluator(settings.clearAfter());
        this.evaluations = Timer.builder("kioskops.alerts.evaluation")
                .description("Time to evaluate every rule against every device and reconcile the alerts").register(registry);
        Gauge.builder("kioskops.alerts.unresolved", unresolvedCount, AtomicLong::get)
                .description("Alerts not resolved (open, acknowledged or suppressed), as of the last evaluation").register(registry);
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

    @Scheduled(every = "1s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        Instant now = clock.instant();
        if (now.isBefore(nextEvaluation)) {
            return;
        }
        nextEvaluation = now.plus(settings.evaluateEvery());
        try {
            evaluate();
        } catch (RuntimeException e) {
            LOG.warn("Evaluating alerts failed ({}); trying again in {}", e.toString(), settings.evaluateEvery());
        }
    }

    /** Ingest stored an outage, a return or a fault: evaluate at the next tick rather than the next interval. */
    void conditionsChanged(@Observes ConditionsChanged event) {
        nextEvaluation = Instant.EPOCH;
    }

    /** Evaluates every rule now; one evaluation at a time (the timer's and any other caller's). */
    public synchronized void evaluate() {
        long started = System.nanoTime();
        AlertEvaluator.Outcome outcome = QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            List<Alert> unresolved = Alert.list("status <> ?1", AlertStatus.RESOLVED);
            List<Condition> holding = new ArrayList<>(conditions.current(now));
            holding.addAll(siteConditions.current());
            AlertEvaluator.Outcome result = evaluator.evaluate(now, holding, unresolved, maintenance.coverage(now));
            Map<String, Map<Concern, OwnerService.Owner>> bySite = new HashMap<>();
            for (List<Alert> alerts : List.of(result.opened(), result.released())) {
                alerts.forEach(a -> assign(a, bySite.computeIfAbsent(String.valueOf(a.siteId), s -> owners.effective(a.siteId))));
            }
            result.opened().forEach(a -> a.persist());
            Alert.getEntityManager().flush();
            Map<String, List<NotificationRoute>> routes = notices.routes();
            for (Alert a : result.opened()) {
                if (a.status == AlertStatus.OPEN) {
                    notices.tell(routes, a, NoticeEvent.OPENED, null, null, now);
                }
            }
            result.released().forEach(a -> notices.tell(routes, a, NoticeEvent.OPENED, null, null, now));
            result.resolved().forEach(a -> notices.tell(routes, a, NoticeEvent.RESOLVED, AlertEvaluator.SYSTEM, a.resolutionNote, now));
            List<Alert> stillOpen = new ArrayList<>(unresolved);
            stillOpen.addAll(result.opened());
            notices.escalate(routes, stillOpen, now);
            unresolvedCount.set(unresolved.size() + result.opened().size() - result.resolved().size());
            return result;
        });
        evaluations.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        Instant due = outcome.nextDue();
        if (due != null && due.isBefore(nextEvaluation)) {
            // a condition reaches its threshold before the next regular round: be there when it does
            nextEvaluation = due;
        }
        if (!outcome.opened().isEmpty() || !outcome.resolved().isEmpty()) {
            LOG.info("Alerts: {} opened, {} resolved as their condition cleared, {} recurred", outcome.opened().size(),
                    outcome.resolved().size(), outcome.recurred().size());
        }
        outcome.opened().forEach(a -> LOG.debug("{} alert {} opened: {} on {}", a.deviceId, a.id, a.type, a.component));
    }

    /** The concern and owner of an alert; deadlines start only once it is open (not while suppressed). */
    private static void assign(Alert a, Map<Concern, OwnerService.Owner> siteOwners) {
        Concern concern = Concern.ofComponent(a.component);
        a.concern = concern.wire();
        OwnerService.Owner owner = siteOwners.get(concern);
        a.owner = owner == null ? null : owner.organisation();
        if (owner != null && a.status == AlertStatus.OPEN) {
            a.respondBy = owner.responseTargetMinutes() == null ? null : a.openedAt.plusSeconds(60L * owner.responseTargetMinutes());
            a.repairBy = owner.repairTargetMinutes() == null ? null : a.openedAt.plusSeconds(60L * owner.repairTargetMinutes());
        }
    }

    @Transactional
    public List<View> list(Filter filter) {
        if (filter.limit() < 1 || filter.limit() > MAX_PAGE) {
            throw new HubException(AlertError.INVALID_ALERT_REQUEST, "limit must be 1 to " + MAX_PAGE);
        }
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (filter.status() != null) {
            String status = filter.status().toUpperCase(Locale.ROOT);
            if (status.equals("ACTIVE")) {
                where.append(" and status in (:open, :acknowledged)");
                params.put("open", AlertStatus.OPEN);
                params.put("acknowledged", AlertStatus.ACKNOWLEDGED);
            } else {
                try {
                    params.put("status", AlertStatus.valueOf(status));
                } catch (IllegalArgumentException e) {
                    throw new HubException(AlertError.INVALID_ALERT_REQUEST,
                            "status must be open, acknowledged, resolved, suppressed or active");
                }
                where.append(" and status = :status");
            }
        }
        if (filter.siteId() != null) {
            SiteNode site = SiteNode.findById(filter.siteId());
            if (site == null) {
                throw new HubException(AlertError.INVALID_ALERT_REQUEST, "no site '" + filter.siteId() + "'");
            }
            where.append(" and siteId in (select n.id from SiteNode n where n.path like :prefix)");
            params.put("prefix", site.path + "%");
        }
        if (filter.deviceId() != null) {
            where.append(" and deviceId = :device");
            params.put("device", filter.deviceId());
        }
        if (filter.overdue()) {
            where.append(" and ((status = :openStatus and respondBy < :now) or (status <> :resolvedStatus and repairBy < :now))");
            params.put("openStatus", AlertStatus.OPEN);
            params.put("resolvedStatus", AlertStatus.RESOLVED);
            params.put("now", clock.instant());
        }
        if (filter.owner() != null) {
            where.append(" and owner = :owner");
            params.put("owner", filter.owner());
        }
        if (filter.type() != null) {
            where.append(" and type = :type");
            params.put("type", filter.type());
        }
        if (filter.from() != null) {
            where.append(" and openedAt >= :from");
            params.put("from", filter.from());
        }
        if (filter.to() != null) {
            where.append(" and openedAt < :to");
            params.put("to", filter.to());
        }
        return Alert.<Alert>find(where + " order by openedAt desc, id desc", params).page(0, filter.limit()).stream()
                .map(a -> view(a, List.of(), clock.instant())).toList();
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
        if (note == null || note.isBlank() || note.length() > 2000) {
            throw new HubException(AlertError.INVALID_ALERT_REQUEST, "a note of 1 to 2000 characters is required: what was done");
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
            if (name != null && name.length() > 200) {
                throw new HubException(AlertError.INVALID_ALERT_REQUEST, "names take up to 200 characters");
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
        if (body == null || body.isBlank() || body.length() > 2000) {
            throw new HubException(AlertError.INVALID_ALERT_REQUEST, "a comment has 1 to 2000 characters");
        }
        Alert alert = require(id);
        AlertComment comment = new AlertComment();
        comment.alertId = id;
        comment.at = clock.instant();
        comment.actor = actor;
        comment.body = body;
        comment.persist();
        audit.record(actor, "alert.commented", "alert:" + id, body);
        return view(alert, comments(id));
    }

    private static Alert require(long id) {
        Alert alert = Alert.findById(id);
        if (alert == null) {
            throw new HubException(AlertError.ALERT_NOT_FOUND, "no alert " + id);
        }
        return alert;
    }

    private static List<Comment> comments(long id) {
        return AlertComment.<AlertComment>list("alertId = ?1 order by at, id", id).stream()
                .map(c -> new Comment(c.at, c.actor, c.body)).toList();
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
