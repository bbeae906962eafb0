package org.kioskops.protocol;

import java.time.Instant;

/**
 * A command from the hub (contract 1.2), on {@code kioskops/v1/{deviceId}/command} at QoS 1, not retained.
 * The MQTT 5 properties carry the response topic ({@code kioskops/v1/{deviceId}/command-result}), the
 * correlation data (the command id in decimal) and a message expiry, so that a broker never delivers it
 * late; the device also refuses it itself after {@code expiresAt}.
 *
 * @param bank        the locker bank, for {@code unlock}
 * @param compartment the compartment number, for {@code unlock}
 * @param reason      why, as the operator gave it; required for {@code unlock}
 * @param uploadUrl   where to {@code PUT} what a {@code screenshot} or {@code diagnostics} command collects (a
 *                    one-time URL, valid until the command expires); absent when the hub takes no uploads
 */
public record Command(String v, String deviceId, long commandId, CommandName name, String bank, Integer compartment, String reason,
                      Instant issuedAt, Instant expiresAt, String uploadUrl) {
}
