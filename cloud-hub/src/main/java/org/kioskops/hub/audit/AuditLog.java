package org.kioskops.hub.audit;

import java.time.Instant;
import java.util.List;

/**
 * The audit log: who did what to which device, site, alert or credential. {@link #record} joins the caller's
 * transaction, so that an action and its record commit together or not at all.
 */
public interface AuditLog {
    /** One audited action. */
    record Entry(Instant at, String actor, String action, String target, String detail) {
    }

    /** Details longer than this are cut to it. */
    int MAX_DETAIL = 1000;

    /** Records an action in the caller's transaction; there must be one. */
    void record(String actor, String action, String target, String detail);

    /** The newest entries (1 to 1000), optionally about one target ({@code alert:17}), newest first. */
    List<Entry> recent(String target, int limit);
}
