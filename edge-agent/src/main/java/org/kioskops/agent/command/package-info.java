/**
 * Carries out the hub's commands on the box (reboot, agent restart, screen on or off, unlock, diagnostics,
 * screenshot), one at a time in arrival order: each is answered delivered, then succeeded or failed, and a redelivered
 * command runs only once. What a command collects goes to its one-time upload URL through the {@link Uploader} port,
 * implemented with HTTP {@code PUT} by {@link HttpUploader}.
 */
package org.kioskops.agent.command;
