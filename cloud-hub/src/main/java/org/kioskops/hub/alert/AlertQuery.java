package org.kioskops.hub.alert;

import java.time.Instant;
import java.util.Set;

/**
 * What {@link AlertStore#matching} selects; null fields (and an empty status set) do not narrow.
 *
 * @param statuses any of these
 * @param sitePath in the subtree of the site with this path ({@link AlertStore#sitePath})
 * @param overdueAt past its response deadline while open, or its repair deadline while not resolved, at this time
 * @param openedFrom opened at or after
 * @param openedTo opened before
 */
record AlertQuery(Set<AlertStatus> statuses, String sitePath, String deviceId, String type, String owner, Instant overdueAt,
                  Instant openedFrom, Instant openedTo, int limit) {
}
