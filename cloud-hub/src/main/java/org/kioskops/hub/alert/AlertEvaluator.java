package org.kioskops.hub.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reconciles the conditions that hold now with the alerts that are not resolved, with hysteresis both ways:
 * a condition opens an alert once it has lasted its delay, and an alert resolves once its condition
 * has stayed away for {@code clearAfter}. A condition that comes back in between is a recurrence of the same
 * alert, so a flapping sensor makes one alert, not a hundred. Pure: the caller loads and stores.
 */
final class AlertEvaluator {
    /** Who resolves an alert whose condition went away. */
    static final String SYSTEM = "kioskops";

    private final Duration clearAfter;

    AlertEvaluator(Duration clearAfter) {
        this.clearAfter = clearAfter;
    }

    /**
     * What one evaluation changed; {@code released} alerts were suppressed and are open now. {@code nextDue} is
     * the earliest time a condition seen now will have lasted its delay or an alert will have stayed clear long
     * enough (null if none), so that the caller can evaluate again right then.
     */
    record Outcome(List<Alert> opened, List<Alert> recurred, List<Alert> resolved, List<Alert> released, Instant nextDue) {
    }

    /**
     * @param unresolved the alerts that are open or acknowledged; changed in place
     * @return the alerts opened (new, for the caller to persist), recurred and resolved
     */
    Outcome evaluate(Instant now, List<Condition> conditions, List<Alert> unresolved) {
        return evaluate(now, conditions, unresolved, c -> null);
    }

    /**
     * @param windowOf the maintenance window covering a condition's device now, or null
     */
    Outcome evaluate(Instant now, List<Condition> conditions, List<Alert> unresolved, Function<Condition, Long> windowOf) {
        Map<String, Alert> byKey = new HashMap<>();
        unresolved.forEach(a -> byKey.put(a.openKey, a));
        Map<String, Condition> present = new HashMap<>();
        List<Alert> opened = new ArrayList<>();
        List<Alert> recurred = new ArrayList<>();
        List<Alert> released = new ArrayList<>();
        Instant nextDue = null;
        for (Condition c : conditions) {
            present.put(c.key(), c);
            Alert alert = byKey.get(c.key());
            if (alert != null) {
                if (alert.clearedAt != null) {
                    alert.clearedAt = null;
                    alert.recurrences++;
                    recurred.add(alert);
                }
                alert.detail = c.detail();
                if (alert.status == AlertStatus.SUPPRESSED && windowOf.apply(c) == null && !released.contains(alert)) {
                    // the work is over and the condition is still there: now it is somebody's job
                    alert.status = AlertStatus.OPEN;
                    alert.openedAt = now;
                    alert.suppressedBy = null;
                    released.add(alert);
                }
            } else if (now.isBefore(c.since().plus(c.delay()))) {
                nextDue = earliest(nextDue, c.since().plus(c.delay()));
            } else {
                Alert created = open(c, now);
                Long window = windowOf.apply(c);
                if (window != null) {
                    created.status = AlertStatus.SUPPRESSED;
                    created.suppressedBy = window;
                }
                opened.add(created);
                byKey.put(created.openKey, created);
            }
        }
        List<Alert> resolved = new ArrayList<>();
        for (Alert alert : unresolved) {
            if (present.containsKey(alert.openKey)) {
                continue;
            }
            if (alert.clearedAt == null) {
                alert.clearedAt = now;
            }
            if (!now.isBefore(alert.clearedAt.plus(clearAfter))) {
                resolve(alert, now, SYSTEM, "condition cleared at " + alert.clearedAt);
                resolved.add(alert);
            } else {
                nextDue = earliest(nextDue, alert.clearedAt.plus(clearAfter));
            }
        }
        return new Outcome(opened, recurred, resolved, released, nextDue);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static Alert open(Condition c, Instant now) {
        Alert alert = new Alert();
        alert.deviceId = c.deviceId();
        alert.siteId = c.siteId();
        alert.component = c.component();
        alert.type = c.type();
        alert.severity = c.severity();
        alert.status = AlertStatus.OPEN;
        alert.openKey = c.key();
        alert.detail = c.detail();
        alert.conditionSince = c.since();
        alert.openedAt = now;
        return alert;
    }

    /** Resolves an alert, by the system or by hand; its key is freed for the next occurrence. */
    static void resolve(Alert alert, Instant now, String actor, String note) {
        alert.status = AlertStatus.RESOLVED;
        alert.resolvedAt = now;
        alert.resolvedBy = actor;
        alert.resolutionNote = note;
        alert.openKey = null;
    }
}
