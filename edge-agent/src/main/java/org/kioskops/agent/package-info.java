/**
 * The edge agent's core: the command line ({@link AgentMain}) that builds the box's hardware and adapters from the
 * configuration, and {@link KioskAgent}, the loop that announces the box, samples telemetry, reports events and hands
 * the hub's commands and updates to workers of their own. Also the way out to the hub: numbering messages, sending
 * them from the outbox in order within the broker's Receive Maximum and the replay budget, and letting them go only
 * once the hub's receipt (or, if so configured, the broker's acknowledgement) confirms them.
 */
package org.kioskops.agent;
