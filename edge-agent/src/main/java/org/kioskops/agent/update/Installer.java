package org.kioskops.agent.update;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Puts a verified release on the box. Versions are installed beside each other and one is active; switching
 * is atomic, so a power cut leaves either the old or the new version active, never half of each.
 */
public interface Installer {
    /** Whether this installer can install releases of {@code releaseKind} ({@code agent}, {@code firmware}). */
    boolean supports(String releaseKind);

    /** Installs a verified release: an agent beside the versions already there, not yet active; firmware into its device. */
    void install(Path release, String releaseKind, String version) throws IOException;

    /**
     * Whether installing a release of this kind means switching the agent and restarting into it (then checked
     * and rolled back by the new version); false for what is installed in place, such as a peripheral's firmware.
     */
    default boolean restartsAgent(String releaseKind) {
        return true;
    }

    /** Makes {@code version} the one that runs at the next start, atomically. */
    void activate(String version) throws IOException;

    /** The active version, if the installer manages one. */
    Optional<String> activeVersion();

    /**
     * A check of the installed version beyond the agent's own (broker connected, hardware answering): for an
     * installer that knows more about its release. Empty when it has nothing to add; otherwise why it fails.
     */
    default Optional<String> selfCheck(String version) {
        return Optional.empty();
    }
}
