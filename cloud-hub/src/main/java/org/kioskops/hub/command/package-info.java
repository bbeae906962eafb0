/**
 * Commands to devices ({@link CommandService}): checked, audited and queued, sent at once to an online device or when
 * it comes back, in the order given, and expired when not delivered in time; the device's answers are stored by
 * ingest, never assumed here. {@link ReconnectDelivery} sends a returning device its desired configuration first, then
 * its queued commands. Uploads go through the {@link ArtifactStore} port (adapter in {@code command.file}). Table:
 * {@code device_command}.
 */
package org.kioskops.hub.command;
