package org.kioskops.hub.site;

import java.util.List;

/** A site and its subtree, with device counts rolled up from every site below it. */
public record SiteTreeNode(String id, SiteKind kind, String name, String parentId, DeviceCounts counts,
                           List<SiteTreeNode> children) {
}
