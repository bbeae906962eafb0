package org.kioskops.sim;

/** The simulator's version, which its kiosks also report as their agent's. */
public final class SimVersion {
    private SimVersion() {
    }

    /** The version from the jar manifest, or {@code dev} when run from classes. */
    public static String current() {
        String version = SimVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
