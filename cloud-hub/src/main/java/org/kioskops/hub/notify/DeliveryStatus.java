package org.kioskops.hub.notify;

/** Where a notification stands: waiting for (another) attempt, delivered, or given up. */
public enum DeliveryStatus {
    PENDING,
    SENT,
    FAILED
}
