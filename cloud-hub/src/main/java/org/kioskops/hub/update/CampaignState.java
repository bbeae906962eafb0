package org.kioskops.hub.update;

/** Where a rollout campaign stands. */
public enum CampaignState {
    /** The next wave waits for an operator's approval. */
    WAITING_APPROVAL,
    /** Devices of the current wave are notified as they come online within the window. */
    RUNNING,
    /** Stopped by an operator or by its failure threshold: nobody new is notified until resumed. */
    PAUSED,
    /** Stopped for good: pending devices cancelled, devices that had not begun to install told to cancel. */
    ABORTED,
    /** Every device reached a final state. */
    COMPLETED;

    boolean isOver() {
        return this == ABORTED || this == COMPLETED;
    }
}
