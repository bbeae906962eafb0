package org.kioskops.protocol;

import java.time.Instant;

/**
 * A device's report on an {@link UpdateOrder} (contract 1.4), at every step: downloading (with the bytes
 * received so far), downloaded, installing, verifying, then succeeded, failed or rolled back.
 *
 * @param running the version the device runs as it reports (after a rollback: the old one again)
 * @param bytes   bytes of the file received so far, while downloading
 * @param code    why it failed or rolled back, machine-readable (for example {@code signature_invalid},
 *                {@code hash_mismatch}, {@code downgrade_refused}, {@code health_check_failed}, {@code crash_loop})
 * @param detail  what happened, for people (up to 500 characters)
 */
public record UpdateStatus(String v, String deviceId, long seq, Instant ts, long deploymentId, UpdateState state, String version,
                           String running, Long bytes, String code, String detail) implements DeviceMessage {

    @Override
    public MessageKind kind() {
        return MessageKind.UPDATE_STATUS;
    }
}
