package org.kioskops.hub.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/** The audit log in the {@code audit_event} table, written through the caller's transaction. */
@ApplicationScoped
public class PanacheAuditLog implements AuditLog {
    @Inject
    Clock clock;

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String actor, String action, String target, String detail) {
        AuditEvent event = new AuditEvent();
        event.at = clock.instant();
        event.actor = actor;
        event.action = action;
        event.target = target;
        event.detail = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
        event.persist();
    }

    @Override
    @Transactional
    public List<Entry> recent(String target, int limit) {
        var query = target == null ? AuditEvent.<AuditEvent>find("order by at desc, id desc")
                : AuditEvent.<AuditEvent>find("target = ?1 order by at desc, id desc", target);
        return query.page(0, Math.max(1, Math.min(limit, 1000))).stream()
                .map(e -> new Entry(e.at, e.actor, e.action, e.target, e.detail)).toList();
    }
}
