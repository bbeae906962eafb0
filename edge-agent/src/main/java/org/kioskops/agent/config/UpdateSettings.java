package org.kioskops.agent.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Software updates (docs/updates.md). Without a release key the agent refuses every update order: it never
 * installs what it cannot authenticate.
 *
 * @param releaseKeyFile            PEM file of the Ed25519 public key releases must be signed with
 *                                  ({@code openssl pkey -pubout}); pinned here, never taken from the hub
 * @param installRoot               where versions are installed side by side ({@code versions/<version>/}) and
 *                                  {@code current} points at the one running. Default {@code /var/lib/kioskops-agent/releases}
 * @param healthCheckSeconds        how long a new version has to prove itself (broker connected, hardware
 *                                  answering) before it is rolled back. Default 120
 * @param maxStartAttempts          starts of a new version that may end before its check passed (crashes)
 *                                  before it is rolled back. Default 3
 * @param idleCheckSeconds          how often a downloaded update looks again whether residents have finished at
 *                                  the lockers and the health station. Default 5
 * @param firmwareCommand           the peripheral vendor's flashing tool and its arguments, with {@code {file}} and
 *                                  {@code {version}} replaced; exit code 0 means flashed. None: firmware refused
 */
public record UpdateSettings(Path releaseKeyFile, Path installRoot, Integer healthCheckSeconds, Integer maxStartAttempts,
                             Integer idleCheckSeconds, List<String> firmwareCommand) {
    public UpdateSettings {
        installRoot = installRoot == null ? Path.of("/var/lib/kioskops-agent/releases") : installRoot;
        healthCheckSeconds = healthCheckSeconds == null ? 120 : healthCheckSeconds;
        maxStartAttempts = maxStartAttempts == null ? 3 : maxStartAttempts;
        idleCheckSeconds = idleCheckSeconds == null ? 5 : idleCheckSeconds;
        firmwareCommand = firmwareCommand == null || firmwareCommand.isEmpty() ? null : List.copyOf(firmwareCommand);
    }

    public UpdateSettings(Path releaseKeyFile, Path installRoot, Integer healthCheckSeconds, Integer maxStartAttempts,
                          Integer idleCheckSeconds) {
        this(releaseKeyFile, installRoot, healthCheckSeconds, maxStartAttempts, idleCheckSeconds, null);
    }

    /** Every default: updates refused until a release key is configured. */
    public static UpdateSettings defaults() {
        return new UpdateSettings(null, null, null, null, null, null);
    }

    void validate(ConfigErrors errors) {
        errors.range("update.healthCheckSeconds", healthCheckSeconds, 1, 3600);
        errors.range("update.maxStartAttempts", maxStartAttempts, 1, 10);
        errors.range("update.idleCheckSeconds", idleCheckSeconds, 1, 300);
    }
}
