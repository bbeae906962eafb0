package org.kioskops.hub.twin;

/**
 * A device's desired configuration has a new version (or was delivered again): transports that cannot keep
 * a retained message, such as CoAP's observe, tell the device now.
 */
public record DesiredConfigChanged(String deviceId) {
}
