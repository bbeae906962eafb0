package org.kioskops.hub.coap;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.server.resources.Resource;
import org.kioskops.protocol.Topics;

/**
 * {@code /kioskops/v1}: below it, {@code {deviceId}/config} and {@code {deviceId}/commands} are what the hub has
 * for the device (observable), and every other {@code {deviceId}/{kind}} takes the device's messages. Those
 * resources are kept only for devices that read their own (so observers can be told of changes); any other
 * lookup makes a throw-away node, so forged paths cost no memory.
 */
final class DeviceTreeResource extends CoapResource {
    private final DeviceMessageResource messages;
    private final Map<String, DownlinkResource.Source> sources;
    private final Map<String, DownlinkResource> watched = new ConcurrentHashMap<>();
    private final int maxWatched;

    /** @param sources each downlink resource's name ({@code config}, {@code commands}) with where its content comes from */
    DeviceTreeResource(DeviceMessageResource messages, Map<String, DownlinkResource.Source> sources, int maxWatched) {
        super("v1");
        this.messages = messages;
        this.sources = Map.copyOf(sources);
        this.maxWatched = maxWatched;
    }

    @Override
    public Resource getChild(String deviceId) {
        return Topics.isValidDeviceId(deviceId) ? new DeviceNode(deviceId) : null;
    }

    /** What the hub has for the device under {@code name} changed: its observers (if any) are told. */
    void changed(String deviceId, String name) {
        DownlinkResource r = watched.get(key(deviceId, name));
        if (r != null) {
            r.changed();
        }
    }

    /** Keeps a resource a device read for itself, up to the limit. */
    void watch(DownlinkResource resource) {
        if (watched.size() < maxWatched) {
            watched.putIfAbsent(key(resource.deviceId(), resource.getName()), resource);
        }
    }

    private static String key(String deviceId, String name) {
        return deviceId + "/" + name;
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
            DownlinkResource.Source source = sources.get(name);
            if (source != null) {
                DownlinkResource known = watched.get(key(deviceId, name));
                return known != null ? known : new DownlinkResource(name, deviceId, source, DeviceTreeResource.this::watch);
            }
            return messages;
        }
    }
}
