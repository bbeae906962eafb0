package org.kioskops.hub.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Limits on the claim endpoints, which boxes call without a user: refused claims and pickups are counted per
 * source address and per code or claim within {@link #failureWindow()}, and answered 429 beyond the limits.
 */
@ConfigMapping(prefix = "kioskops.claims")
public interface ClaimConfig {
    /** Refused claims and pickups from one address within the window before the address is turned away (count). */
    @WithDefault("10")
    int failuresPerSource();

    /** Refused claims with one code, or pickups of one claim with a wrong token, before it is turned away (count). */
    @WithDefault("5")
    int failuresPerTarget();

    /** How long a refusal counts. */
    @WithDefault("15m")
    Duration failureWindow();
}
