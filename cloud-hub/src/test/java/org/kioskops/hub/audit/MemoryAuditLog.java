package org.kioskops.hub.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** An audit log in memory, for services tested without a database: what was recorded, in order. */
public final class MemoryAuditLog implements AuditLog {
    private final Clock clock;
    private final List<Entry> entries = new ArrayList<>();

    public MemoryAuditLog(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void record(String actor, String action, String target, String detail) {
        String kept = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
        entries.add(new Entry(clock.instant(), actor, action, target, kept));
    }

    @Override
    public List<Entry> recent(String target, int limit) {
        return entries.stream().filter(e -> target == null || target.equals(e.target()))
                .sorted(Comparator.comparing(Entry::at).reversed()).limit(Math.max(1, Math.min(limit, 1000))).toList();
    }

    /** Everything recorded, oldest first. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }
}
