package org.kioskops.protocol;

import java.time.Instant;

/**
 * The hub's order to install a release (contract 1.4), on {@code kioskops/v1/{deviceId}/update} at QoS 1,
 * retained: a device gets its pending order whenever it connects, and remembers which deployments it has
 * finished so that a retained order is never installed twice. A {@code cancel} order withdraws a
 * deployment the device has not started to install.
 *
 * <p>The device trusts none of this message's claims about the file: it downloads {@code url}, checks that
 * the bytes hash to {@code sha256} and that {@code signature} (Ed25519 over the file's bytes, base64) verifies
 * against the release key pinned in its own configuration, and refuses anything else.
 *
 * @param deploymentId   the hub's number for this device's part of a campaign; reports name it
 * @param releaseKind    {@code agent} (the agent itself) or {@code firmware} (a peripheral's firmware)
 * @param version        the release's version; the device refuses a lower one than it runs unless
 *                       {@code allowDowngrade}
 * @param url            where to download the file, with HTTP range requests so that a download resumes
 * @param size           the file's length in bytes
 * @param allowDowngrade whether the campaign allows installing a lower version than the one running
 */
public record UpdateOrder(String v, String deviceId, long deploymentId, Action action, String releaseKind, String version, String url,
                          long size, String sha256, String signature, boolean allowDowngrade, Instant issuedAt) {

    /** What the order asks. */
    public enum Action implements WireEnum {
        INSTALL("install"),
        CANCEL("cancel");

        private final String wire;

        Action(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }
    }
}
