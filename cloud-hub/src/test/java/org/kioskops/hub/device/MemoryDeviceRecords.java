package org.kioskops.hub.device;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import org.kioskops.hub.site.SiteKind;

/** Devices and tags in memory, with site-tree nodes given by the test, for the registry tested without a database. */
final class MemoryDeviceRecords implements DeviceRecords {
    private final Map<String, Device> devices = new HashMap<>();
    private final Map<String, List<String>> tags = new HashMap<>();
    private final Map<String, SiteKind> sites = new HashMap<>();

    /** Declares a node of the site tree. */
    MemoryDeviceRecords node(String id, SiteKind kind) {
        sites.put(id, kind);
        return this;
    }

    @Override
    public Optional<Device> find(String id) {
        return Optional.ofNullable(devices.get(id));
    }

    @Override
    public void add(Device device) {
        devices.put(device.id, device);
    }

    @Override
    public Optional<SiteKind> siteKind(String siteId) {
        return Optional.ofNullable(sites.get(siteId));
    }

    @Override
    public List<String> tags(String deviceId) {
        return tags.getOrDefault(deviceId, List.of());
    }

    @Override
    public void replaceTags(String deviceId, SortedSet<String> replacement) {
        tags.put(deviceId, List.copyOf(replacement));
    }

    /** A device that never connected, as the registry lists it. */
    @Override
    public DeviceViews.Summary summary(Device d) {
        return new DeviceViews.Summary(d.id, d.siteId, d.registration, Connection.NEVER_SEEN, null, null, null, d.registeredModel, null, null,
                0, 0, 0);
    }
}
