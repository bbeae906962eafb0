/**
 * The agent's HTTP endpoint on 127.0.0.1 (the JDK's HTTP server; port {@code local.statusPort}, 8791 by default):
 * {@code GET /status} answers what the agent sees ({@link AgentStatus}, each part checked by {@link ComponentCheck})
 * for an installer or a probe, and {@code POST /health/checks} takes checks from the kiosk's health application.
 * Loopback only, because the box's network is often the residents' and health readings are personal data.
 */
package org.kioskops.agent.local;
