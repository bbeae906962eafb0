package org.kioskops.protocol;

import java.time.Instant;

/**
 * The settings the hub wants a device to run with (contract 1.2), published retained on
 * {@code kioskops/v1/{deviceId}/config} at QoS 1, so that a device receives its current one at every
 * connection. {@code version} changes whenever the merged settings do; the device answers with a
 * {@link ConfigState}.
 */
public record DesiredConfig(String v, String deviceId, String version, Instant issuedAt, KioskSettings settings) {
}
