package org.kioskops.agent.local;

import java.util.List;

/**
 * What the agent sees, for an installer standing at the box: its link to the broker, its outbox and each
 * part of the hardware. Served as JSON by {@link LocalHttpServer}.
 *
 * @param connected             whether the MQTT connection is up now
 * @param lastConnectionProblem why the last connection was lost or the last attempt failed; null if never
 * @param outboxDepth           messages waiting for the broker's acknowledgement
 * @param outboxDropped         messages dropped because the outbox was full, since install
 * @param components            every part the agent knows of, present or not
 */
public record AgentStatus(
        String deviceId,
        String agentVersion,
        String broker,
        boolean connected,
        String lastConnectionProblem,
        long connects,
        int outboxDepth,
        long outboxDropped,
        long messagesCreated,
        long messagesAcknowledged,
        String settingsVersion,
        List<Component> components) {

    /**
     * One part of the box.
     *
     * @param state  {@code ok}, {@code missing} (not configured or not found: the agent runs without it) or
     *               {@code failing} (configured, but reading it fails)
     * @param detail what was read, or why it failed
     */
    public record Component(String name, String state, String detail) {
        public static Component ok(String name, String detail) {
            return new Component(name, "ok", detail);
        }

        public static Component missing(String name, String detail) {
            return new Component(name, "missing", detail);
        }

        public static Component failing(String name, String detail) {
            return new Component(name, "failing", detail);
        }
    }
}
