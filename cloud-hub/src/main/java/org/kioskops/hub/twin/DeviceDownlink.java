package org.kioskops.hub.twin;

import org.kioskops.protocol.DesiredConfig;

/** Sends the hub's messages to devices through the broker. */
public interface DeviceDownlink {
    /**
     * Publishes a device's desired configuration, retained, so that the device gets it whenever it connects.
     *
     * @return whether the broker accepted it; false when the broker is unreachable now
     */
    boolean publishConfig(DesiredConfig config);
}
