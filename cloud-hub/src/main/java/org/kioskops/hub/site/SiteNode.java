package org.kioskops.hub.site;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A node of the site tree: city, district, street, community, or site (one 智慧屋). */
@Entity
@Table(name = "site_node")
public class SiteNode extends PanacheEntityBase {
    @Id
    public String id;

    @Enumerated(EnumType.STRING)
    public SiteKind kind;

    public String name;

    @Column(name = "parent_id")
    public String parentId;

    /** Ids from the root down to this node, each followed by '/', starting with '/'. */
    public String path;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Every node, for building the tree in memory (the tree is small: one node per building). */
    public static List<SiteNode> all() {
        return listAll();
    }

    /** Every node's path by id, for resolving many sites in memory; call inside a transaction. */
    public static Map<String, String> paths() {
        Map<String, String> paths = new HashMap<>();
        all().forEach(n -> paths.put(n.id, n.path));
        return paths;
    }

    /** The ids on {@code path}, from the root down to its own node; empty for null. */
    public static List<String> ancestry(String path) {
        return path == null ? List.of() : Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    public static List<SiteNode> children(String parentId) {
        return list("parentId", parentId);
    }
}
