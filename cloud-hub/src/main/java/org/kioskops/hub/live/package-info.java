/**
 * Change notices for open dashboards: {@link LiveFeed} fingerprints the fleet's state once a second (active alerts,
 * comments, devices online) and, when it changed, sends listeners a new version number, served as server-sent events
 * by {@code api.LiveResource}. The feed carries no data, so pages fetch again with their own permissions.
 */
package org.kioskops.hub.live;
