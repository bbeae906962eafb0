package org.kioskops.hub.update;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kioskops.hub.device.Device;
import org.kioskops.hub.device.DeviceState;
import org.kioskops.hub.device.DeviceTag;
import org.kioskops.hub.device.Registration;
import org.kioskops.hub.site.SiteNode;

/** The registry's devices, their state, tags and sites, read through Hibernate ORM with Panache. */
@ApplicationScoped
class PanacheFleetDirectory implements FleetDirectory {

    @Override
    public boolean siteExists(String siteId) {
        return SiteNode.findByIdOptional(siteId).isPresent();
    }

    @Override
    public List<Candidate> registered() {
        Map<String, String> paths = SiteNode.paths();
        Map<String, DeviceState> states = new HashMap<>();
        DeviceState.<DeviceState>listAll().forEach(s -> states.put(s.deviceId, s));
        Map<String, Set<String>> tags = new HashMap<>();
        DeviceTag.<DeviceTag>listAll().forEach(t -> tags.computeIfAbsent(t.deviceId, d -> new HashSet<>()).add(t.tag));
        return Device.<Device>list("registration", Registration.REGISTERED).stream().map(d -> {
            DeviceState state = states.get(d.id);
            String model = d.registeredModel != null ? d.registeredModel : state == null ? null : state.reportedModel;
            return new Candidate(d.id, SiteNode.ancestry(paths.get(d.siteId)), model, Set.copyOf(tags.getOrDefault(d.id, Set.of())),
                    state == null ? null : state.agentVersion);
        }).toList();
    }
}
