package org.kioskops.hub.alert;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kioskops.hub.site.SiteNode;

/** Alerts in the {@code alert} and {@code alert_comment} tables, through Hibernate ORM with Panache. */
@ApplicationScoped
class PanacheAlertStore implements AlertStore {

    @Override
    public Optional<Alert> find(long id) {
        return Alert.findByIdOptional(id);
    }

    @Override
    public List<Alert> unresolved() {
        return Alert.list("status <> ?1", AlertStatus.RESOLVED);
    }

    @Override
    public void addAll(List<Alert> alerts) {
        alerts.forEach(a -> a.persist());
        Alert.getEntityManager().flush();
    }

    @Override
    public List<Alert> matching(AlertQuery query) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (!query.statuses().isEmpty()) {
            where.append(" and status in :statuses");
            params.put("statuses", query.statuses());
        }
        if (query.sitePath() != null) {
            where.append(" and siteId in (select n.id from SiteNode n where n.path like :prefix)");
            params.put("prefix", query.sitePath() + "%");
        }
        if (query.deviceId() != null) {
            where.append(" and deviceId = :device");
            params.put("device", query.deviceId());
        }
        if (query.overdueAt() != null) {
            where.append(" and ((status = :openStatus and respondBy < :now) or (status <> :resolvedStatus and repairBy < :now))");
            params.put("openStatus", AlertStatus.OPEN);
            params.put("resolvedStatus", AlertStatus.RESOLVED);
            params.put("now", query.overdueAt());
        }
        if (query.owner() != null) {
            where.append(" and owner = :owner");
            params.put("owner", query.owner());
        }
        if (query.type() != null) {
            where.append(" and type = :type");
            params.put("type", query.type());
        }
        if (query.openedFrom() != null) {
            where.append(" and openedAt >= :from");
            params.put("from", query.openedFrom());
        }
        if (query.openedTo() != null) {
            where.append(" and openedAt < :to");
            params.put("to", query.openedTo());
        }
        return Alert.<Alert>find(where + " order by openedAt desc, id desc", params).page(0, query.limit()).list();
    }

    @Override
    public Optional<String> sitePath(String siteId) {
        return SiteNode.<SiteNode>findByIdOptional(siteId).map(n -> n.path);
    }

    @Override
    public List<AlertService.Comment> comments(long alertId) {
        return AlertComment.<AlertComment>list("alertId = ?1 order by at, id", alertId).stream()
                .map(c -> new AlertService.Comment(c.at, c.actor, c.body)).toList();
    }

    @Override
    public void addComment(long alertId, AlertService.Comment comment) {
        AlertComment row = new AlertComment();
        row.alertId = alertId;
        row.at = comment.at();
        row.actor = comment.actor();
        row.body = comment.body();
        row.persist();
    }
}
