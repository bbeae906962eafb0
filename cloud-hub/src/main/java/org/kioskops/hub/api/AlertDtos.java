package org.kioskops.hub.api;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.kioskops.hub.alert.AlertService;
import org.kioskops.hub.alert.MaintenanceService;

/** Bodies of the alert API. */
public final class AlertDtos {
    private AlertDtos() {
    }

    /**
     * An alert.
     *
     * @param type           {@code device_offline}, or the code of a fault the device reported
     * @param concern        {@code hardware} or {@code lockers}: which owner answers for it
     * @param owner          the organisation that owned the concern at the device's site when the alert opened
     * @param status         {@code open}, {@code acknowledged}, {@code resolved}, or {@code suppressed} while a
     *                       maintenance window covers the device
     * @param suppressedBy   the id of that maintenance window
     * @param conditionSince when the condition began
     * @param clearedAt      when the condition went away, while the alert waits to see that it stays away
     * @param recurrences    how often the condition came back while the alert was open
     * @param respondBy      acknowledge by: opened plus the owner's response target (null without one)
     * @param repairBy       resolve by: opened plus the owner's repair target (null without one)
     * @param assignee       the person who has it, once someone assigned it
     * @param escalationLevel how many escalation steps were taken because it was not acknowledged in time
     */
    public record AlertDto(long id, String deviceId, String siteId, String component, String type, String severity,
                           String concern, String owner, String status,
                           String detail, Instant conditionSince, Instant openedAt, Instant clearedAt, Instant acknowledgedAt,
                           String acknowledgedBy, Instant resolvedAt, String resolvedBy, String resolutionNote, int recurrences,
                           Instant respondBy, Instant repairBy, boolean responseOverdue, boolean repairOverdue,
                           Long suppressedBy, String assignee, int escalationLevel, List<CommentDto> comments) {
        static AlertDto of(AlertService.View v) {
            return new AlertDto(v.id(), v.deviceId(), v.siteId(), v.component(), v.type(), v.severity(), v.concern(), v.owner(),
                    v.status().name().toLowerCase(Locale.ROOT), v.detail(), v.conditionSince(), v.openedAt(), v.clearedAt(),
                    v.acknowledgedAt(), v.acknowledgedBy(), v.resolvedAt(), v.resolvedBy(), v.resolutionNote(), v.recurrences(),
                    v.respondBy(), v.repairBy(), v.responseOverdue(), v.repairOverdue(), v.suppressedBy(), v.assignee(), v.escalationLevel(), v.comments().stream().map(c -> new CommentDto(c.at(), c.actor(), c.body())).toList());
        }
    }

    /** A comment on an alert. */
    public record CommentDto(Instant at, String actor, String body) {
    }

    /**
     * A maintenance window on a site subtree ({@code siteId}) or one device ({@code deviceId}).
     *
     * @param startsAt default now
     */
    public record MaintenanceWindowDto(Long id, String siteId, String deviceId, Instant startsAt, Instant endsAt, String reason,
                                       String createdBy, Instant createdAt) {
        static MaintenanceWindowDto of(MaintenanceService.Window w) {
            return new MaintenanceWindowDto(w.id(), w.siteId(), w.deviceId(), w.startsAt(), w.endsAt(), w.reason(), w.createdBy(),
                    w.createdAt());
        }
    }

    /** What was done to fix it. */
    public record ResolveRequest(String note) {
    }

    /** A remark on an alert. */
    /** Body of assign: a person, another organisation, or both. */
    public record AssignRequest(String assignee, String organisation) {
    }

    public record CommentRequest(String body) {
    }
}
