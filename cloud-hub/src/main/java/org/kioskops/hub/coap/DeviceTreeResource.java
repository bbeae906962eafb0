package org.kioskops.hub.coap;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.server.resources.Resource;
import org.kioskops.protocol.Topics;

/**
 * {@code /kioskops/v1}: below it, {@code {deviceId}/config} is the device's desired configuration (observable),
 * and every other {@code {deviceId}/{kind}} takes the device's messages. Configuration resources are kept only
 * for devices that read their own (so observers can be told of changes); any other lookup makes a throw-away
 * node, so forged paths cost no memory.
 */
final class DeviceTreeResource extends CoapResource {
    private final DeviceMessageResource messages;
    private final ConfigResource.Source configs;
    private final Map<String, ConfigResource> watched = new ConcurrentHashMap<>();
    private final int maxWatched;

    DeviceTreeResource(DeviceMessageResource messages, ConfigResource.Source configs, int maxWatched) {
        super("v1");
        this.messages = messages;
        this.configs = configs;
        this.maxWatched = maxWatched;
    }

    @Override
    public Resource getChild(String deviceId) {
        return Topics.isValidDeviceId(deviceId) ? new DeviceNode(deviceId) : null;
    }

    /** The device's configuration changed: its observers (if any) get the new version. */
    void configChanged(String deviceId) {
        ConfigResource r = watched.get(deviceId);
        if (r != null) {
            r.changed();
        }
    }

    /** Keeps the configuration resource of a device that read its own, up to the limit. */
    void watch(ConfigResource resource) {
        if (watched.size() < maxWatched) {
            watched.putIfAbsent(resource.deviceId(), resource);
        }
    }

    int watchedDevices() {
        return watched.size();
    }

    /** One device's subtree, made per lookup. */
    private final class DeviceNode extends CoapResource {
        private final String deviceId;

        DeviceNode(String deviceId) {
            super(deviceId);
            this.deviceId = deviceId;
        }

        @Override
        public Resource getChild(String name) {
            if (name.equals(ConfigResource.NAME)) {
                ConfigResource known = watched.get(deviceId);
                return known != null ? known : new ConfigResource(deviceId, configs, DeviceTreeResource.this::watch);
            }
            return messages;
        }
    }
}
