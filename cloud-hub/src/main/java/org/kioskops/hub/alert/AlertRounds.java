package org.kioskops.hub.alert;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.kioskops.hub.device.ConditionsChanged;
import org.kioskops.hub.notify.NoticeEvent;
import org.kioskops.hub.notify.NotificationRoute;
import org.kioskops.hub.owner.Concern;
import org.kioskops.hub.owner.OwnerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert rounds: on a timer (and at once when ingest stores an outage, a return or a fault), every rule is
 * held against every device and site, and {@link AlertEvaluator} decides which alerts open, recur and resolve.
 * New alerts get their concern, owner and deadlines here; their owners' routes are told, and overdue ones escalated.
 */
@ApplicationScoped
public class AlertRounds {
    private static final Logger LOG = LoggerFactory.getLogger(AlertRounds.class);

    private final AlertConfig settings;
    private final DeviceConditions conditions;
    private final SiteConditions siteConditions;
    private final MaintenanceService maintenance;
    private final OwnerService owners;
    private final AlertStore alerts;
    private final AlertNotices notices;
    private final Clock clock;
    private final AlertEvaluator evaluator;
    private final Timer evaluations;
    private final AtomicLong unresolvedCount = new AtomicLong();
    private volatile Instant nextEvaluation = Instant.EPOCH;

    @Inject
    public AlertRounds(AlertConfig config, DeviceConditions conditions, SiteConditions siteConditions, MaintenanceService maintenance,
                       OwnerService owners, AlertStore alerts, AlertNotices notices, Clock clock, MeterRegistry registry) {
        this.settings = config;
        this.conditions = conditions;
        this.siteConditions = siteConditions;
        this.maintenance = maintenance;
        this.owners = owners;
        this.alerts = alerts;
        this.notices = notices;
        this.clock = clock;
        this.evaluator = new AlertEvaluator(settings.clearAfter());
        this.evaluations = Timer.builder("kioskops.alerts.evaluation")
                .description("Time to evaluate every rule against every device and reconcile the alerts").register(registry);
        Gauge.builder("kioskops.alerts.unresolved", unresolvedCount, AtomicLong::get)
                .description("Alerts not resolved (open, acknowledged or suppressed), as of the last evaluation").register(registry);
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
        AlertEvaluator.Outcome outcome = QuarkusTransaction.requiringNew().call(this::round);
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

    private AlertEvaluator.Outcome round() {
        Instant now = clock.instant();
        List<Alert> unresolved = alerts.unresolved();
        List<Condition> holding = new ArrayList<>(conditions.current(now));
        holding.addAll(siteConditions.current());
        AlertEvaluator.Outcome result = evaluator.evaluate(now, holding, unresolved, maintenance.coverage(now));
        Map<String, Map<Concern, OwnerService.Owner>> bySite = new HashMap<>();
        for (List<Alert> changed : List.of(result.opened(), result.released())) {
            changed.forEach(a -> assign(a, bySite.computeIfAbsent(String.valueOf(a.siteId), s -> owners.effective(a.siteId))));
        }
        alerts.addAll(result.opened());
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
}
