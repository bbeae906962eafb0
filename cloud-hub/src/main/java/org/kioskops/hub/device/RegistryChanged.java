package org.kioskops.hub.device;

/** Fired after an operator's change of a device's registry entry commits, so that caches drop it. */
public record RegistryChanged(String deviceId) {
}
