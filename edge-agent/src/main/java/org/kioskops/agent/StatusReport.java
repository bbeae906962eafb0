package org.kioskops.agent;

import com.fasterxml.jackson.databind.JsonNode;

/** The agent's status as lines for a person at the box. */
final class StatusReport {
    private StatusReport() {
    }

    static String format(JsonNode s) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-12s %s (agent %s)%n", "device", s.path("deviceId").asText(), s.path("agentVersion").asText()));
        boolean connected = s.path("connected").asBoolean();
        out.append(String.format("%-12s %s %s%n", "broker", s.path("broker").asText(), connected ? "CONNECTED"
                : "NOT CONNECTED" + (s.path("lastConnectionProblem").isTextual() ? ": " + s.path("lastConnectionProblem").asText() : "")));
        out.append(String.format("%-12s %d waiting, %d dropped since install%n", "outbox", s.path("outboxDepth").asLong(),
                s.path("outboxDropped").asLong()));
        out.append(String.format("%-12s %d created, %d acknowledged%n", "messages", s.path("messagesCreated").asLong(),
                s.path("messagesAcknowledged").asLong()));
        out.append(String.format("%-12s %s%n", "settings", s.path("settingsVersion").isTextual() ? s.path("settingsVersion").asText()
                : "none from the hub yet"));
        for (JsonNode c : s.path("components")) {
            out.append(String.format("%-12s %-8s %s%n", c.path("name").asText(), c.path("state").asText(), c.path("detail").asText()));
        }
        return out.toString().stripTrailing();
    }
}
