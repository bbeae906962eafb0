package org.kioskops.hub.alert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.kioskops.hub.audit.AuditLog;
import org.kioskops.hub.device.Device;
import org.kioskops.hub.error.HubException;
import org.kioskops.hub.site.SiteNode;

/** Maintenance windows: planned work during which a site subtree's or a device's alerts are suppressed. Audited. */
@ApplicationScoped
public class MaintenanceService {
    private static final Duration LONGEST = Duration.ofDays(31);

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** A window as the API shows it. */
    public record Window(long id, String siteId, String deviceId, Instant startsAt, Instant endsAt, String reason,
                         String createdBy, Instant createdAt) {
    }

    /**
     * Plans a window on a site subtree or on one device (exactly one of the two), from {@code startsAt}
     * (default now) to {@code endsAt}, at most 31 days.
     */
    @Transactional
    public Window schedule(String siteId, String deviceId, Instant startsAt, Instant endsAt, String reason, String actor) {
        if ((siteId == null) == (deviceId == null)) {
            throw new HubException(AlertError.INVALID_ALERT_REQUEST, "give either siteId or deviceId");
        }
        if (siteId != null && SiteNode.findById(siteId) == null) {
            throw new HubException(AlertError.INVALID_ALERT_REQUEST, "no site '" + siteId + "'");
        }
        if (deviceId != null && Device.findById(deviceId) == null) {
            throw new HubException(AlertError.INVALID_ALERT_REQUEST, "no device '" + deviceId + "'");
        }
        Instant start = startsAt == null ? clock.instant() : startsAt;
        if (endsAt == null || !endsAt.isAfter(start) || Duration.between(start, endsAt).compareTo(LONGEST) > 0) {
            throw new HubException(AlertError.INVALID_ALERT_REQUEST, "endsAt must be after startsAt, within 31 days");
        }
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new HubException(AlertError.INVALID_ALERT_REQUEST, "a reason of 1 to 500 characters is required");
        }
        MaintenanceWindow w = new MaintenanceWindow();
        w.siteId = siteId;
        w.deviceId = deviceId;
        w.startsAt = start;
        w.endsAt = endsAt;
        w.reason = reason;
        w.createdBy = actor;
        w.createdAt = clock.instant();
        w.persist();
        audit.record(actor, "maintenance.scheduled", siteId != null ? "site:" + siteId : deviceId,
                "window " + w.id + " " + start + " to " + endsAt + ": " + reason);
        return view(w);
    }

    /** Windows not yet over, soonest first. */
    @Transactional
    public List<Window> current() {
        return MaintenanceWindow.<MaintenanceWindow>list("endsAt > ?1 order by startsAt, id", clock.instant()).stream()
                .map(MaintenanceService::view).toList();
    }

    /** Ends a window now (or cancels one that has not begun). */
    @Transactional
    public Window end(long id, String actor) {
        MaintenanceWindow w = MaintenanceWindow.findById(id);
        if (w == null) {
            throw new HubException(AlertError.INVALID_ALERT_REQUEST, "no maintenance window " + id);
        }
        Instant now = clock.instant();
        if (w.endsAt.isAfter(now)) {
            w.endsAt = w.startsAt.isAfter(now) ? w.startsAt : now;
            audit.record(actor, "maintenance.ended", w.siteId != null ? "site:" + w.siteId : w.deviceId, "window " + id);
        }
        return view(w);
    }

    /** Which window, if any, covers a condition's device at {@code now}; call inside a transaction. */
    Function<Condition, Long> coverage(Instant now) {
        List<MaintenanceWindow> active = MaintenanceWindow.activeAt(now);
        if (active.isEmpty()) {
            return c -> null;
        }
        Map<String, String> paths = SiteNode.paths();
        return c -> {
            String path = c.siteId() == null ? null : paths.get(c.siteId());
            for (MaintenanceWindow w : active) {
                if (c.deviceId() != null && c.deviceId().equals(w.deviceId)) {
                    return w.id;
                }
                String covered = w.siteId == null ? null : paths.get(w.siteId);
                if (covered != null && path != null && path.startsWith(covered)) {
                    return w.id;
                }
            }
            return null;
        };
    }

    private static Window view(MaintenanceWindow w) {
        return new Window(w.id, w.siteId, w.deviceId, w.startsAt, w.endsAt, w.reason, w.createdBy, w.createdAt);
    }
}
