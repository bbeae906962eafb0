package org.kioskops.hub.device;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import org.kioskops.hub.site.SiteKind;
import org.kioskops.hub.site.SiteNode;

/** Devices and tags in the {@code device} and {@code device_tag} tables, through Hibernate ORM with Panache. */
@ApplicationScoped
class PanacheDeviceRecords implements DeviceRecords {
    @Inject
    DeviceQueries queries;

    @Override
    public Optional<Device> find(String id) {
        return Device.findByIdOptional(id);
    }

    @Override
    public void add(Device device) {
        device.persist();
    }

    @Override
    public Optional<SiteKind> siteKind(String siteId) {
        return SiteNode.<SiteNode>findByIdOptional(siteId).map(n -> n.kind);
    }

    @Override
    public List<String> tags(String deviceId) {
        return DeviceTag.<DeviceTag>list("deviceId = ?1 order by tag", deviceId).stream().map(t -> t.tag).toList();
    }

    @Override
    public void replaceTags(String deviceId, SortedSet<String> tags) {
        DeviceTag.delete("deviceId", deviceId);
        for (String tag : tags) {
            DeviceTag t = new DeviceTag();
            t.deviceId = deviceId;
            t.tag = tag;
            t.persist();
        }
    }

    @Override
    public DeviceViews.Summary summary(Device device) {
        return queries.summaries(List.of(device)).get(0);
    }
}
