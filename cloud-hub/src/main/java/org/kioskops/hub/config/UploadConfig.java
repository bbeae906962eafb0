package org.kioskops.hub.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Files devices upload for a command ({@code screenshot}, {@code diagnostics}): to a one-time URL under
 * {@link #publicUrl()}, kept in {@link #dir()}.
 */
@ConfigMapping(prefix = "kioskops.uploads")
public interface UploadConfig {
    /**
     * Base URL at which devices reach this hub's HTTP API, such as {@code https://hub.example.org}; without
     * it commands carry no upload URL (screenshots then fail, diagnostics come without their bundle) and no
     * update campaign can be created (devices download releases from it).
     */
    Optional<String> publicUrl();

    /** Where uploads are kept, one file per command. */
    @WithDefault("data/uploads")
    String dir();

    /** Largest upload accepted, in bytes (under the HTTP server's body limit, {@code quarkus.http.limits.max-body-size}). */
    @WithDefault("8000000")
    long maxBytes();
}
