package org.kioskops.hub.alert;

/** Where an alert is in its life: open until someone acknowledges it, resolved when fixed. */
public enum AlertStatus {
    OPEN, ACKNOWLEDGED, RESOLVED
}
