package org.kioskops.hub.site;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kioskops.hub.error.HubException;
import org.kioskops.protocol.Topics;

/** The site hierarchy: city, district, street, community, site (智慧屋). */
@ApplicationScoped
public class SiteService {
    @Inject
    SiteOccupancy occupancy;

    @Inject
    Clock clock;

    @Inject
    Event<SitesChanged> changes;

    /** Result of an idempotent create-or-update. */
    public record Upsert(SiteView site, boolean created) {
    }

    /**
     * Creates or updates a site node. The parent must exist and be exactly one level up; a city has no
     * parent. Moving a node to another parent moves its whole subtree.
     */
    @Transactional
    public Upsert put(String id, String kindName, String name, String parentId) {
        if (!Topics.isValidDeviceId(id)) {
            throw new HubException(SiteError.INVALID_SITE, "site id must be 1-64 letters, digits, '.', '_' or '-'");
        }
        SiteKind kind = SiteKind.fromWire(kindName == null ? "" : kindName).orElseThrow(() -> new HubException(
                SiteError.INVALID_SITE, "kind must be one of city, district, street, community, site"));
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new HubException(SiteError.INVALID_SITE, "name must be 1 to 200 characters");
        }
        String parentPath = "/";
        if (kind.parentKind().isEmpty()) {
            if (parentId != null) {
                throw new HubException(SiteError.HIERARCHY_VIOLATION, "a city has no parent");
            }
        } else {
            if (parentId == null) {
                throw new HubException(SiteError.HIERARCHY_VIOLATION, "a " + kind.wire() + " needs a parent "
                        + kind.parentKind().get().wire());
            }
            SiteNode parent = SiteNode.findById(parentId);
            if (parent == null) {
                throw new HubException(SiteError.PARENT_NOT_FOUND, "no site '" + parentId + "'");
            }
            if (parent.kind != kind.parentKind().get()) {
                throw new HubException(SiteError.HIERARCHY_VIOLATION, "the parent of a " + kind.wire() + " must be a "
                        + kind.parentKind().get().wire() + ", '" + parentId + "' is a " + parent.kind.wire());
            }
            parentPath = parent.path;
        }
        Instant now = clock.instant();
        SiteNode node = SiteNode.findById(id);
        boolean created = node == null;
        if (created) {
            node = new SiteNode();
            node.id = id;
            node.kind = kind;
            node.createdAt = now;
            node.path = parentPath + id + "/";
            node.parentId = parentId;
            node.name = name;
            node.updatedAt = now;
            node.persist();
        } else {
            if (node.kind != kind) {
                throw new HubException(SiteError.KIND_CHANGE, "'" + id + "' is a " + node.kind.wire());
            }
            String newPath = parentPath + id + "/";
            if (!newPath.equals(node.path)) {
                String oldPath = node.path;
                for (SiteNode descendant : SiteNode.<SiteNode>list("path like ?1", oldPath + "%")) {
                    descendant.path = newPath + descendant.path.substring(oldPath.length());
                }
            }
            node.parentId = parentId;
            node.name = name;
            node.updatedAt = now;
        }
        changes.fire(new SitesChanged());
        return new Upsert(SiteView.of(node), created);
    }

    /** Deletes a node that has no children and no devices. */
    @Transactional
    public void delete(String id) {
        SiteNode node = SiteNode.findById(id);
        if (node == null) {
            throw new HubException(SiteError.SITE_NOT_FOUND, "no site '" + id + "'");
        }
        if (SiteNode.count("parentId", id) > 0 || occupancy.anyAt(id)) {
            throw new HubException(SiteError.SITE_NOT_EMPTY, "'" + id + "' still has children or devices");
        }
        node.delete();
        changes.fire(new SitesChanged());
    }

    @Transactional
    public Optional<SiteView> find(String id) {
        return SiteNode.<SiteNode>findByIdOptional(id).map(SiteView::of);
    }

    /** Site nodes from the root down to {@code id}, inclusive. */
    @Transactional
    public List<SiteView> ancestry(String id) {
        List<SiteView> chain = new ArrayList<>();
        SiteNode node = id == null ? null : SiteNode.findById(id);
        while (node != null) {
            chain.add(0, SiteView.of(node));
            node = node.parentId == null ? null : SiteNode.findById(node.parentId);
        }
        return chain;
    }

    /** The whole forest with counts rolled up at every level, plus fleet-wide totals. */
    @Transactional
    public Forest forest() {
        List<SiteNode> nodes = SiteNode.all();
        Map<String, DeviceCounts> direct = occupancy.bySite();
        Map<String, List<SiteNode>> children = new HashMap<>();
        List<SiteNode> roots = new ArrayList<>();
        for (SiteNode node : nodes) {
            if (node.parentId == null) {
                roots.add(node);
            } else {
                children.computeIfAbsent(node.parentId, k -> new ArrayList<>()).add(node);
            }
        }
        List<SiteTreeNode> trees = roots.stream().sorted(Comparator.comparing(n -> n.id))
                .map(root -> build(root, children, direct)).toList();
        DeviceCounts totals = direct.values().stream().reduce(DeviceCounts.ZERO, DeviceCounts::plus);
        return new Forest(totals, direct.getOrDefault(SiteOccupancy.NO_SITE, DeviceCounts.ZERO), trees);
    }

    /** The subtree of one node, with counts. */
    @Transactional
    public Optional<SiteTreeNode> subtree(String id) {
        return find(forest().sites(), id);
    }

    private static Optional<SiteTreeNode> find(List<SiteTreeNode> nodes, String id) {
        for (SiteTreeNode node : nodes) {
            if (node.id().equals(id)) {
                return Optional.of(node);
            }
            Optional<SiteTreeNode> below = find(node.children(), id);
            if (below.isPresent()) {
                return below;
            }
        }
        return Optional.empty();
    }

    private static SiteTreeNode build(SiteNode node, Map<String, List<SiteNode>> children, Map<String, DeviceCounts> direct) {
        List<SiteTreeNode> built = children.getOrDefault(node.id, List.of()).stream()
                .sorted(Comparator.comparing(n -> n.id))
                .map(child -> build(child, children, direct)).toList();
        DeviceCounts counts = built.stream().map(SiteTreeNode::counts)
                .reduce(direct.getOrDefault(node.id, DeviceCounts.ZERO), DeviceCounts::plus);
        return new SiteTreeNode(node.id, node.kind, node.name, node.parentId, counts, built);
    }

    /**
     * The site forest.
     *
     * @param totals     every device except rejected ones
     * @param unassigned devices without a site (pending ones)
     */
    public record Forest(DeviceCounts totals, DeviceCounts unassigned, List<SiteTreeNode> sites) {
    }
}
