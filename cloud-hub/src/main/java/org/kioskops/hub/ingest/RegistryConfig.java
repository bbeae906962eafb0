package org.kioskops.hub.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What happens to devices the hub does not know. */
@ConfigMapping(prefix = "kioskops.registry")
public interface RegistryConfig {
    /**
     * {@code pending}: a valid message from an unknown device registers it as pending, keeps its data
     * and waits for an operator to accept (assign a site) or reject it. {@code reject}: its messages
     * are refused and counted as {@code unknown_device}.
     */
    @WithDefault("pending")
    UnknownDevicePolicy unknownDevices();

    /** Most pending devices at once; beyond it, unknown devices are refused as {@code pending_limit}. */
    @WithDefault("1000")
    int maxPending();

    /** Policy for devices not in the registry. */
    enum UnknownDevicePolicy {
        PENDING, REJECT
    }
}
