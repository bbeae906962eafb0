package org.kioskops.hub.alert;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Alerts in memory, with a site tree given by the test, for the alert services tested without a database. */
final class MemoryAlertStore implements AlertStore {
    private final Map<Long, Alert> alerts = new HashMap<>();
    private final Map<Long, List<AlertService.Comment>> comments = new HashMap<>();
    private final Map<String, String> sitePaths = new HashMap<>();
    private long lastId;

    /** Declares a site and its path in the tree ({@code /city/district/site/}). */
    MemoryAlertStore site(String siteId, String path) {
        sitePaths.put(siteId, path);
        return this;
    }

    @Override
    public Optional<Alert> find(long id) {
        return Optional.ofNullable(alerts.get(id));
    }

    @Override
    public List<Alert> unresolved() {
        return alerts.values().stream().filter(a -> a.status != AlertStatus.RESOLVED).toList();
    }

    @Override
    public void addAll(List<Alert> added) {
        for (Alert a : added) {
            a.id = ++lastId;
            alerts.put(a.id, a);
        }
    }

    @Override
    public List<Alert> matching(AlertQuery q) {
        return alerts.values().stream().filter(a -> matches(q, a))
                .sorted(Comparator.comparing((Alert a) -> a.openedAt).thenComparing(a -> a.id).reversed()).limit(q.limit()).toList();
    }

    private boolean matches(AlertQuery q, Alert a) {
        String path = a.siteId == null ? null : sitePaths.get(a.siteId);
        return (q.statuses().isEmpty() || q.statuses().contains(a.status))
                && (q.sitePath() == null || path != null && path.startsWith(q.sitePath()))
                && (q.deviceId() == null || q.deviceId().equals(a.deviceId))
                && (q.type() == null || q.type().equals(a.type))
                && (q.owner() == null || q.owner().equals(a.owner))
                && (q.overdueAt() == null || AlertClocks.responseOverdue(a.status, a.respondBy, q.overdueAt())
                        || AlertClocks.repairOverdue(a.status, a.repairBy, q.overdueAt()))
                && (q.openedFrom() == null || !a.openedAt.isBefore(q.openedFrom()))
                && (q.openedTo() == null || a.openedAt.isBefore(q.openedTo()));
    }

    @Override
    public Optional<String> sitePath(String siteId) {
        return Optional.ofNullable(sitePaths.get(siteId));
    }

    @Override
    public List<AlertService.Comment> comments(long alertId) {
        return List.copyOf(comments.getOrDefault(alertId, List.of()));
    }

    @Override
    public void addComment(long alertId, AlertService.Comment comment) {
        comments.computeIfAbsent(alertId, id -> new ArrayList<>()).add(comment);
    }
}
