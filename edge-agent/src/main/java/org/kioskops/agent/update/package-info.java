/**
 * Software updates on the box (docs/updates.md), carried out by {@link UpdateManager}: resumable download, hash and
 * Ed25519 signature checked against the pinned release key, a wait until no resident is at the lockers or the health
 * station, side-by-side install with an atomic switch, then a health check that keeps the new version or rolls back.
 * Progress survives restarts and power cuts in an atomically written journal; installing is behind the
 * {@link Installer} port (agent releases side by side, peripheral firmware through the vendor's tool) and restarting
 * behind {@link Restarter}.
 */
package org.kioskops.agent.update;
