package org.kioskops.hub.device;

import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import org.kioskops.hub.site.SiteKind;

/**
 * Where the registry keeps devices and their tags. Devices it hands out are live: changes made to them within
 * the caller's transaction are kept when it commits.
 */
interface DeviceRecords {
    /** The registered, pending or rejected device with this id, if there is one. */
    Optional<Device> find(String id);

    /** Keeps a new device. */
    void add(Device device);

    /** The kind of the site tree's node with this id; empty if there is none. */
    Optional<SiteKind> siteKind(String siteId);

    /** A device's tags, sorted. */
    List<String> tags(String deviceId);

    /** Replaces a device's tags. */
    void replaceTags(String deviceId, SortedSet<String> tags);

    /** The device as lists show it, with what it last reported. */
    DeviceViews.Summary summary(Device device);
}
