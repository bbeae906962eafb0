package org.kioskops.hub.alert;

/**
 * Where an alert is in its life: open until someone acknowledges it, resolved when fixed; suppressed while a
 * maintenance window covers its device (it opens when the window ends and the condition still holds).
 */
public enum AlertStatus {
    OPEN, ACKNOWLEDGED, RESOLVED, SUPPRESSED
}
