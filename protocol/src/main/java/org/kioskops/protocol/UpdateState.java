package org.kioskops.protocol;

/**
 * Where a device stands with an {@link UpdateOrder} (contract 1.4), in the order a successful update passes
 * through them. {@code downloaded} lasts while the device waits for its residents: no install starts during
 * a locker transaction or a health measurement.
 */
public enum UpdateState implements WireEnum {
    DOWNLOADING("downloading"),
    DOWNLOADED("downloaded"),
    INSTALLING("installing"),
    /** The new version runs and checks itself (broker connected, hardware answering) before it is kept. */
    VERIFYING("verifying"),
    SUCCEEDED("succeeded"),
    /** Refused or failed before the switch; the device still runs its old version. */
    FAILED("failed"),
    /** The new version failed its check or crashed; the device switched back and runs its old version. */
    ROLLED_BACK("rolled_back");

    private final String wire;

    UpdateState(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** Whether no further report follows for the deployment. */
    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == ROLLED_BACK;
    }
}
