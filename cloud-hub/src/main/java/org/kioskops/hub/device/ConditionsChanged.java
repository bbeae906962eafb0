package org.kioskops.hub.device;

/**
 * Fired by ingest after it stored a change that alert rules act on at once (a device going offline or coming
 * back, a fault raised or cleared), so that the rules run within a second instead of at the next timer.
 */
public record ConditionsChanged() {
}
