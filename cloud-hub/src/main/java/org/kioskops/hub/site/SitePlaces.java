package org.kioskops.hub.site;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ancestry of every site as tag values (site, community, street, district, city), cached for the
 * ingest path, which tags telemetry with it, and rebuilt after any change to the tree.
 */
@ApplicationScoped
public class SitePlaces {
    private volatile Map<String, Map<String, String>> places;

    /** Tag values for a device on {@code siteId}; empty for a device without a site. */
    public Map<String, String> of(String siteId) {
        if (siteId == null) {
            return Map.of();
        }
        Map<String, Map<String, String>> current = places;
        if (current == null) {
            current = QuarkusTransaction.requiringNew().call(SitePlaces::load);
            places = current;
        }
        return current.getOrDefault(siteId, Map.of());
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) SitesChanged event) {
        places = null;
    }

    private static Map<String, Map<String, String>> load() {
        List<SiteNode> nodes = SiteNode.all();
        Map<String, SiteNode> byId = new HashMap<>();
        nodes.forEach(n -> byId.put(n.id, n));
        Map<String, Map<String, String>> result = new HashMap<>();
        for (SiteNode node : nodes) {
            Map<String, String> place = new HashMap<>();
            for (SiteNode n = node; n != null; n = n.parentId == null ? null : byId.get(n.parentId)) {
                place.put(n.kind.wire(), n.id);
            }
            result.put(node.id, Map.copyOf(place));
        }
        return result;
    }
}
