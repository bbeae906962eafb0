/**
 * The {@link Outbox} port, the bounded, oldest-first store of messages the hub has not confirmed yet, and its
 * adapters: {@link FileOutbox}, checksummed records in segment files that survive a killed process and, with fsync
 * {@code always}, a power cut; and {@link MemoryOutbox}. When full, the oldest message is dropped and counted, so that
 * the freshest state gets through and the loss is reported rather than silent.
 */
package org.kioskops.agent.outbox;
