package org.kioskops.hub.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Records security-relevant actions in the caller's transaction, so that an action and its record commit together. */
@ApplicationScoped
public class AuditLog {
    @Inject
    Clock clock;

    /** One audited action. */
    public record Entry(Instant at, String actor, String action, String target, String detail) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String actor, String action, String target, String detail) {
        AuditEvent event = new AuditEvent();
        event.at = clock.instant();
        event.actor = actor;
        event.action = action;
        event.target = target;
        event.detail = detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000);
        event.persist();
    }

    /** The newest entries, optionally about one target, newest first. */
    @Transactional
    public List<Entry> recent(String target, int limit) {
        var query = target == null ? AuditEvent.<AuditEvent>find("order by at desc, id desc")
                : AuditEvent.<AuditEvent>find("target = ?1 order by at desc, id desc", target);
        return query.page(0, Math.max(1, Math.min(limit, 1000))).stream()
                .map(e -> new Entry(e.at, e.actor, e.action, e.target, e.detail)).toList();
    }
}
