package org.kioskops.hub.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Who may use the REST API and the dashboard (docs/security.md#users-and-roles): users with roles, logging in to
 * the dashboard or calling with an API token. Devices' own downloads and uploads carry their own proof.
 */
@ConfigMapping(prefix = "kioskops.auth")
public interface AuthConfig {
    /** Whether the API requires credentials; off only for tests and a hub on a closed network. */
    @WithDefault("true")
    boolean enabled();

    /** The administrator made at the first start, when there is no user yet. */
    @WithDefault("admin")
    String bootstrapUser();

    /** Its password; without one a random password is made and logged once, at WARN. */
    Optional<String> bootstrapPassword();

    /** An API token the administrator has from the first start, for scripts that set up a hub (the demo). */
    Optional<String> bootstrapToken();

    /** How long a dashboard login lasts. */
    @WithDefault("12h")
    Duration session();
}
