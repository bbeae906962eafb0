package org.kioskops.hub.update;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Software releases for signed updates (docs/updates.md). Every release carries an Ed25519 signature that
 * the boxes verify against the release public key pinned in their configuration. In production the hub
 * never holds the private key: releases are signed offline and uploaded with their detached signature,
 * checked here against {@link #releasePublicKeys()}. For a demo the hub may sign itself
 * ({@link #demoSigning()}).
 */
@ConfigMapping(prefix = "kioskops.updates")
public interface UpdateConfig {
    /** Where release files are kept. */
    @WithDefault("data/releases")
    String dir();

    /** Largest release accepted, bytes (the HTTP body limit, {@code quarkus.http.limits.max-body-size}, must allow it). */
    @WithDefault("268435456")
    long maxBytes();

    /** PEM files of the Ed25519 public keys whose signatures the hub accepts ({@code openssl pkey -pubout}). */
    Optional<List<String>> releasePublicKeys();

    /**
     * Whether the hub signs releases uploaded without a signature, with an Ed25519 key of its own made at
     * first use ({@code <dir>/demo-release-key.pem}, public key beside it). For demos only: whoever holds the
     * hub holds the key.
     */
    @WithDefault("false")
    boolean demoSigning();

    /**
     * How often running campaigns are advanced: thresholds checked, the next wave started, pending devices
     * that are online and inside their window sent their order.
     */
    @WithDefault("5s")
    Duration rolloutCheck();

    /**
     * How long a device may go without reporting on an update it has begun (notified, downloading...) before
     * its deployment counts as failed ({@code no_report}), so that a box gone dark mid-update neither holds a
     * wave forever nor goes unnoticed.
     */
    @WithDefault("24h")
    Duration deploymentTimeout();
}
