package org.kioskops.hub.alert;

import java.time.Instant;

/**
 * The response clock (time to acknowledge) and the repair clock (time to resolve) of an alert, against the
 * deadlines its owner's targets gave it when it opened. An alert without an owner, or whose owner set no
 * target, has no deadline and is never overdue.
 */
final class AlertClocks {
    private AlertClocks() {
    }

    /** Still not acknowledged (nor resolved) after its response deadline. */
    static boolean responseOverdue(AlertStatus status, Instant respondBy, Instant now) {
        return status == AlertStatus.OPEN && respondBy != null && now.isAfter(respondBy);
    }

    /** Still not resolved after its repair deadline. */
    static boolean repairOverdue(AlertStatus status, Instant repairBy, Instant now) {
        return status != AlertStatus.RESOLVED && repairBy != null && now.isAfter(repairBy);
    }
}
