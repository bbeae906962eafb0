/**
 * The device's message sequence numbers ({@link SequenceStore}): increasing by one and never repeated across restarts,
 * because the hub tells lost messages from redelivered ones by them. {@link FileSequenceStore} syncs only a reserved
 * upper bound, so that a power cut skips numbers (a gap at the hub) but never reuses one; {@link MemorySequenceStore}
 * is for simulators and tests.
 */
package org.kioskops.agent.sequence;
