package org.kioskops.hub.alert;

import java.util.List;
import java.util.Optional;

/**
 * Where alerts and their comments are kept. Alerts it hands out are live: changes made to them within the
 * caller's transaction are kept when it commits.
 */
interface AlertStore {
    /** The alert with this id, if there is one. */
    Optional<Alert> find(long id);

    /** Every alert not resolved yet: open, acknowledged or suppressed. */
    List<Alert> unresolved();

    /** Keeps new alerts; each has its id once this returns. */
    void addAll(List<Alert> alerts);

    /** Alerts that match, newest opened first (ties: highest id first), at most {@code query.limit()}. */
    List<Alert> matching(AlertQuery query);

    /** The place of a site in the tree, used to narrow a query to a subtree; empty if there is no such site. */
    Optional<String> sitePath(String siteId);

    /** The comments on an alert, oldest first. */
    List<AlertService.Comment> comments(long alertId);

    /** Adds a comment to an alert. */
    void addComment(long alertId, AlertService.Comment comment);
}
