package org.kioskops.hub.site;

/** One site node without its subtree. */
public record SiteView(String id, SiteKind kind, String name, String parentId, String path) {
    static SiteView of(SiteNode node) {
        return new SiteView(node.id, node.kind, node.name, node.parentId, node.path);
    }
}
