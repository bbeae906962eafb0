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

    /** Unpacks a verified release beside the versions already there; does not activate it. */
    void install(Path release, String version) throws IOException;

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
