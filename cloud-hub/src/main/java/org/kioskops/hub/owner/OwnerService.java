package org.kioskops.hub.owner;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kioskops.hub.audit.AuditLog;
import org.kioskops.hub.error.HubException;
import org.kioskops.hub.site.SiteError;
import org.kioskops.hub.site.SiteNode;

/**
 * Owners of sites by concern. An owner set on a district covers every community and site in it, unless a
 * lower level sets its own for that concern: the nearest one wins. Changes are audited.
 */
@ApplicationScoped
public class OwnerService {
    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /**
     * The owner in force for a concern at a site.
     *
     * @param definedAt the node of the site tree it was set on: the site itself or an ancestor
     */
    public record Owner(Concern concern, String organisation, String contacts, Integer responseTargetMinutes,
                        Integer repairTargetMinutes, String definedAt) {
    }

    /** The owner, if any, of each concern at {@code siteId}; call inside a transaction. */
    public Map<Concern, Owner> effective(String siteId) {
        Map<Concern, Owner> owners = new EnumMap<>(Concern.class);
        SiteNode site = siteId == null ? null : SiteNode.findById(siteId);
        if (site == null) {
            return owners;
        }
        List<String> ancestry = SiteNode.ancestry(site.path);
        return nearest(ancestry, byNode(SiteOwner.list("key.siteId in ?1", ancestry)));
    }

    /** The owners in force at each of {@code siteIds}, read in one go; call inside a transaction. */
    public Map<String, Map<Concern, Owner>> effective(Collection<String> siteIds) {
        Map<String, String> paths = SiteNode.paths();
        Map<String, List<SiteOwner>> byNode = byNode(SiteOwner.listAll());
        Map<String, Map<Concern, Owner>> result = new HashMap<>();
        for (String siteId : siteIds) {
            result.put(siteId, nearest(SiteNode.ancestry(paths.get(siteId)), byNode));
        }
        return result;
    }

    private static Map<String, List<SiteOwner>> byNode(List<SiteOwner> owners) {
        Map<String, List<SiteOwner>> byNode = new HashMap<>();
        owners.forEach(o -> byNode.computeIfAbsent(o.key.siteId, k -> new ArrayList<>()).add(o));
        return byNode;
    }

    /** The owners set along {@code ancestry}, root first, so that a deeper node overrides. */
    private static Map<Concern, Owner> nearest(List<String> ancestry, Map<String, List<SiteOwner>> byNode) {
        Map<Concern, Owner> owners = new EnumMap<>(Concern.class);
        for (String node : ancestry) {
            for (SiteOwner o : byNode.getOrDefault(node, List.of())) {
                owners.put(o.key.concern, new Owner(o.key.concern, o.organisation, o.contacts, o.responseTargetMinutes,
                        o.repairTargetMinutes, node));
            }
        }
        return owners;
    }

    /** The owner of one concern at a site, if any; call inside a transaction. */
    public Optional<Owner> of(String siteId, Concern concern) {
        return Optional.ofNullable(effective(siteId).get(concern));
    }

    @Transactional
    public List<Owner> list(String siteId) {
        requireSite(siteId);
        return new ArrayList<>(effective(siteId).values());
    }

    /** Sets who answers for {@code concern} at {@code siteId} and below. */
    @Transactional
    public Owner set(String siteId, Concern concern, String organisation, String contacts, Integer responseTargetMinutes,
                     Integer repairTargetMinutes, String actor) {
        requireSite(siteId);
        if (organisation == null || organisation.isBlank() || organisation.length() > 200) {
            throw new HubException(SiteError.INVALID_SITE, "organisation is required, up to 200 characters");
        }
        if (contacts != null && contacts.length() > 1000) {
            throw new HubException(SiteError.INVALID_SITE, "contacts take up to 1000 characters");
        }
        for (Integer minutes : new Integer[] {responseTargetMinutes, repairTargetMinutes}) {
            if (minutes != null && (minutes < 1 || minutes > 60 * 24 * 90)) {
                throw new HubException(SiteError.INVALID_SITE, "targets are 1 minute to 90 days, in minutes");
            }
        }
        SiteOwner.Key key = new SiteOwner.Key(siteId, concern);
        SiteOwner owner = SiteOwner.findById(key);
        boolean created = owner == null;
        if (created) {
            owner = new SiteOwner();
            owner.key = key;
        }
        owner.organisation = organisation.strip();
        owner.contacts = contacts;
        owner.responseTargetMinutes = responseTargetMinutes;
        owner.repairTargetMinutes = repairTargetMinutes;
        owner.updatedAt = clock.instant();
        owner.updatedBy = actor;
        if (created) {
            owner.persist();
        }
        audit.record(actor, "owner.set", "site:" + siteId, concern.wire() + ": " + owner.organisation);
        return new Owner(concern, owner.organisation, owner.contacts, responseTargetMinutes, repairTargetMinutes, siteId);
    }

    /** Removes the owner set at this node; an ancestor's, if any, applies again. */
    @Transactional
    public void remove(String siteId, Concern concern, String actor) {
        requireSite(siteId);
        if (SiteOwner.deleteById(new SiteOwner.Key(siteId, concern))) {
            audit.record(actor, "owner.removed", "site:" + siteId, concern.wire());
        }
    }

    private static void requireSite(String siteId) {
        if (SiteNode.findById(siteId) == null) {
            throw new HubException(SiteError.SITE_NOT_FOUND, "no site '" + siteId + "'");
        }
    }
}
