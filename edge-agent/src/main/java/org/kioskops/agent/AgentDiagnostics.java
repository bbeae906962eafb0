package org.kioskops.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.kioskops.agent.config.AgentConfig;
import org.kioskops.agent.hardware.Hardware;
import org.kioskops.agent.twin.RemoteConfig;

/** What the {@code diagnostics} command answers: the agent's own view of the box and its link, and its files. */
final class AgentDiagnostics {
    private final AgentConfig config;
    private final String agentVersion;
    private final Hardware hardware;
    private final AgentStats stats;
    private final Publisher publisher;
    private final RemoteConfig remote;
    private final Path settingsFile;
    private final Supplier<Instant> startedAt;
    private final IntSupplier telemetryIntervalSeconds;

    AgentDiagnostics(AgentConfig config, String agentVersion, Hardware hardware, AgentStats stats, Publisher publisher, RemoteConfig remote,
                     Path settingsFile, Supplier<Instant> startedAt, IntSupplier telemetryIntervalSeconds) {
        this.config = config;
        this.agentVersion = agentVersion;
        this.hardware = hardware;
        this.stats = stats;
        this.publisher = publisher;
        this.remote = remote;
        this.settingsFile = settingsFile;
        this.startedAt = startedAt;
        this.telemetryIntervalSeconds = telemetryIntervalSeconds;
    }

    Map<String, String> values() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("agentVersion", agentVersion);
        d.put("hardwareModel", config.hardwareModel());
        d.put("startedAt", String.valueOf(startedAt.get()));
        d.put("uptimeSeconds", Long.toString(hardware.system().uptimeSeconds()));
        d.put("settingsVersion", remote.activeVersion().orElse("none"));
        d.put("telemetryIntervalSeconds", Integer.toString(telemetryIntervalSeconds.getAsInt()));
        d.put("outboxBacklog", Long.toString(publisher.backlog()));
        d.put("outboxDropped", Long.toString(publisher.dropped()));
        d.put("messagesCreated", Long.toString(stats.created()));
        d.put("messagesAcknowledged", Long.toString(stats.acknowledged()));
        d.put("publishFailures", Long.toString(stats.publishFailures()));
        d.put("messagesConfirmed", Long.toString(stats.confirmed()));
        d.put("messagesResent", Long.toString(stats.resent()));
        d.put("refusedByBroker", Long.toString(stats.refusedByBroker()));
        d.put("refusedByHub", Long.toString(stats.refusedByHub()));
        d.put("connects", Long.toString(stats.connects()));
        d.put("connectionLosses", Long.toString(stats.connectionLosses()));
        d.put("lastConnectionProblem", String.valueOf(stats.lastConnectionProblem()));
        d.put("java", System.getProperty("java.version"));
        d.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        d.put("heapUsedBytes", Long.toString(Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()));
        return d;
    }

    /** Files for the diagnostics bundle: the hub's settings in force. */
    Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (settingsFile != null) {
            try {
                if (Files.exists(settingsFile)) {
                    files.put("desired-config.json", Files.readAllBytes(settingsFile));
                }
            } catch (IOException e) {
                files.put("desired-config.error.txt", e.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
