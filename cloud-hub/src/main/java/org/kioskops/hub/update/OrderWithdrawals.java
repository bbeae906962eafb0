package org.kioskops.hub.update;

import java.time.Instant;
import java.util.List;

/** Withdraws the update orders devices were sent but have not begun to install, after their campaign was aborted. */
interface OrderWithdrawals {
    /** Replaces each device's order with a cancel. */
    void withdraw(List<Deployment> notified, Instant now);
}
