package org.kioskops.hub.twin;

import org.kioskops.protocol.Command;
import org.kioskops.protocol.DesiredConfig;
import org.kioskops.protocol.UpdateOrder;

/** Sends the hub's messages to devices through the broker. */
public interface DeviceDownlink {
    /**
     * Publishes a device's desired configuration, retained, so that the device gets it whenever it connects.
     *
     * @return whether the broker accepted it; false when the broker is unreachable now
     */
    boolean publishConfig(DesiredConfig config);

    /**
     * Publishes a command at QoS 1 with the MQTT 5 response topic, correlation data (the command id) and a
     * message expiry of {@code expirySeconds}, so that the broker never delivers it late.
     *
     * @return whether the broker accepted it
     */
    boolean publishCommand(Command command, long expirySeconds);

    /**
     * Publishes a device's update order, retained, so that a device away now gets it when it connects; a
     * later order (or a cancel) replaces it.
     *
     * @return whether the broker accepted it
     */
    boolean publishUpdate(UpdateOrder order);
}
