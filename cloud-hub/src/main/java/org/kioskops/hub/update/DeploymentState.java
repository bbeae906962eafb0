package org.kioskops.hub.update;

import java.util.EnumSet;
import java.util.Set;
import org.kioskops.protocol.UpdateState;

/**
 * One device's part in a campaign: {@code PENDING} until the hub sends the order, {@code NOTIFIED} once sent,
 * then what the device reports. States only move forward; a final state never changes.
 */
public enum DeploymentState {
    PENDING,
    NOTIFIED,
    DOWNLOADING,
    DOWNLOADED,
    INSTALLING,
    VERIFYING,
    SUCCEEDED,
    FAILED,
    ROLLED_BACK,
    /** Withdrawn by the hub (campaign aborted) before the device began. */
    CANCELLED;

    /** Final states. */
    public static final Set<DeploymentState> FINAL = EnumSet.of(SUCCEEDED, FAILED, ROLLED_BACK, CANCELLED);
    /** What counts against a campaign's failure threshold. */
    public static final Set<DeploymentState> FAILURES = EnumSet.of(FAILED, ROLLED_BACK);
    /** The order is out and the device has not finished. */
    public static final Set<DeploymentState> IN_PROGRESS = EnumSet.of(NOTIFIED, DOWNLOADING, DOWNLOADED, INSTALLING, VERIFYING);

    public boolean isFinal() {
        return FINAL.contains(this);
    }

    /** The hub's state for a device's report. */
    public static DeploymentState of(UpdateState reported) {
        return valueOf(reported.name());
    }
}
