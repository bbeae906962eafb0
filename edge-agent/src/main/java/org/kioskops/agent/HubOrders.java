package org.kioskops.agent;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;
import org.kioskops.agent.command.CommandRunner;
import org.kioskops.agent.command.HttpUploader;
import org.kioskops.agent.config.UpdateSettings;
import org.kioskops.agent.hardware.Hardware;
import org.kioskops.agent.update.Installer;
import org.kioskops.agent.update.Restarter;
import org.kioskops.agent.update.UpdateManager;
import org.kioskops.agent.uplink.OutboundMessage;
import org.kioskops.protocol.Topics;

/**
 * The hub's orders to the box besides its settings: commands, and software updates once enabled. Each kind
 * runs on a worker thread of its own, so that a long download or a slow command never holds up the agent's
 * loop; answers go back through the loop, which numbers and queues them.
 */
final class HubOrders {
    /** Queues the message the supplier makes, on the agent's loop; the future completes once it is queued. */
    @FunctionalInterface
    interface Sender {
        CompletableFuture<Void> send(Supplier<OutboundMessage> message);
    }

    private final String deviceId;
    private final Sender sender;
    private final MessageFactory messages;
    private final ExecutorService commandWorker;
    private final CommandRunner commands;
    private ScheduledExecutorService updateWorker;
    private UpdateManager updates;

    HubOrders(String deviceId, Hardware hardware, Clock clock, AgentDiagnostics diagnostics, MessageFactory messages, Sender sender) {
        this.deviceId = deviceId;
        this.sender = sender;
        this.messages = messages;
        this.commandWorker = Executors.newSingleThreadExecutor(daemon("agent-commands-" + deviceId));
        this.commands = new CommandRunner(deviceId, hardware, clock, commandWorker, diagnostics::values, diagnostics::files,
                new HttpUploader(), (id, state, detail, data, correlation) -> sender.send(() -> {
                    OutboundMessage answer = messages.commandResult(id, state, detail, data);
                    return correlation == null ? answer : answer.withCorrelation(correlation);
                }));
    }

    /** Takes update orders from now on (before the agent starts); see {@link KioskAgent#enableUpdates}. */
    void enableUpdates(UpdateSettings settings, Path dir, Installer installer, Hardware hardware, String runningVersion,
                       Supplier<Optional<String>> healthProblem, Restarter restarter, HttpClient http) {
        updateWorker = Executors.newSingleThreadScheduledExecutor(daemon("agent-updates-" + deviceId));
        updates = new UpdateManager(deviceId, settings, dir, installer, hardware, runningVersion,
                (id, state, version, running, bytes, code, detail) -> sender.send(
                        () -> messages.updateStatus(id, state, version, running, bytes, code, detail)),
                healthProblem, restarter, updateWorker, http);
    }

    /** The hub's topics these orders come on, besides the settings'. */
    List<String> topics() {
        return updates == null ? List.of(Topics.commandTopic(deviceId)) : List.of(Topics.commandTopic(deviceId), Topics.updateTopic(deviceId));
    }

    /** Hands an order over to its worker; false when the topic is not one of {@link #topics()}. */
    boolean receive(String topic, byte[] payload, byte[] correlationData) {
        if (topic.equals(Topics.commandTopic(deviceId))) {
            commands.receive(payload, correlationData);
            return true;
        }
        if (updates != null && topic.equals(Topics.updateTopic(deviceId))) {
            updates.receive(payload);
            return true;
        }
        return false;
    }

    /** Resumes an update a restart interrupted; before the connection, as the retained order comes at once. */
    void start() {
        if (updates != null) {
            updates.start();
        }
    }

    /** A hung agent takes no update either. */
    void freeze() {
        if (updates != null) {
            updates.close();
        }
    }

    void shutdown() {
        commandWorker.shutdownNow();
        if (updateWorker != null) {
            updates.close();
            updateWorker.shutdownNow();
        }
    }

    /** Daemon threads named {@code name}: the agent's threads never keep a process alive that is shutting down. */
    static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
