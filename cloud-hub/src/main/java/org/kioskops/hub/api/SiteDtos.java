package org.kioskops.hub.api;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.kioskops.hub.site.DeviceCounts;
import org.kioskops.hub.site.SiteService;
import org.kioskops.hub.site.SiteTreeNode;
import org.kioskops.hub.site.SiteView;

/** Request and response bodies of {@code /api/sites}. */
public final class SiteDtos {
    private SiteDtos() {
    }

    /** Body of {@code PUT /api/sites/{id}}. */
    public record SiteRequest(String kind, String name, String parentId) {
    }

    /** A site node; {@code path} lists the ids from the root down, each followed by '/'. */
    public record SiteDto(String id, String kind, String name, String parentId, String path) {
        static SiteDto of(SiteView v) {
            return new SiteDto(v.id(), v.kind().wire(), v.name(), v.parentId(), v.path());
        }
    }

    /** Device counts; {@code faulty} counts devices with an active fault, online or not. */
    public record Counts(long total, long online, long offline, long neverSeen, long pending, long faulty) {
        static Counts of(DeviceCounts c) {
            return new Counts(c.total(), c.online(), c.offline(), c.neverSeen(), c.pending(), c.faulty());
        }
    }

    /** A site with its subtree and counts rolled up from everything below it. */
    public record SiteTree(String id, String kind, String name, String parentId, Counts counts, List<SiteTree> children) {
        static SiteTree of(SiteTreeNode n) {
            return new SiteTree(n.id(), n.kind().wire(), n.name(), n.parentId(), Counts.of(n.counts()),
                    n.children().stream().map(SiteTree::of).toList());
        }
    }

    /**
     * The fleet: totals over all devices (rejected ones excepted), devices without a site (pending), and
     * the site forest.
     */
    public record Fleet(Counts totals, Counts unassigned, List<SiteTree> sites) {
        static Fleet of(SiteService.Forest f) {
            return new Fleet(Counts.of(f.totals()), Counts.of(f.unassigned()), f.sites().stream().map(SiteTree::of).toList());
        }

        /** Only the subtrees under the topmost of {@code roots}, counted on their own. */
        Fleet within(Set<String> roots) {
            List<SiteTree> kept = new ArrayList<>();
            Deque<SiteTree> todo = new ArrayDeque<>(sites);
            while (!todo.isEmpty()) {
                SiteTree n = todo.pop();
                if (roots.contains(n.id())) {
                    kept.add(n);
                } else {
                    n.children().forEach(todo::push);
                }
            }
            Counts total = kept.stream().map(SiteTree::counts).reduce(new Counts(0, 0, 0, 0, 0, 0), (a, b) -> new Counts(a.total() + b.total(),
                    a.online() + b.online(), a.offline() + b.offline(), a.neverSeen() + b.neverSeen(), a.pending() + b.pending(),
                    a.faulty() + b.faulty()));
            return new Fleet(total, new Counts(0, 0, 0, 0, 0, 0), kept);
        }
    }
}
