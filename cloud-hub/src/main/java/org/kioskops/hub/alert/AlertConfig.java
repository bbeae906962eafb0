package org.kioskops.hub.alert;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Alerts raised from device state. A condition opens an alert once it has lasted its rule's delay, and the
 * alert resolves itself once the condition has stayed away for {@link #clearAfter()}.
 */
@ConfigMapping(prefix = "kioskops.alerts")
public interface AlertConfig {
    /** How long a device must stay offline before its {@code device_offline} alert opens. */
    @WithDefault("30s")
    Duration offlineAfter();

    /** How long a condition must stay away before its alert resolves itself; a return in between is a recurrence. */
    @WithDefault("60s")
    Duration clearAfter();

    /** How often the rules are evaluated. */
    @WithDefault("5s")
    Duration evaluateEvery();
}
