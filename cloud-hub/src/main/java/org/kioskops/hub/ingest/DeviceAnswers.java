package org.kioskops.hub.ingest;

import java.time.Instant;
import java.util.List;

/**
 * What devices answered, in one ingest batch, to orders other features gave them: results of commands, reports on
 * their desired configuration, reports on software updates; each list in the order the messages were applied.
 */
public record DeviceAnswers(List<CommandAnswer> commands, List<ConfigReport> configs, List<UpdateReport> updates) {
    public DeviceAnswers {
        commands = List.copyOf(commands);
        configs = List.copyOf(configs);
        updates = List.copyOf(updates);
    }

    /** Whether the batch carried no answer at all. */
    public boolean isEmpty() {
        return commands.isEmpty() && configs.isEmpty() && updates.isEmpty();
    }

    /** A device's answer to a command: {@code state} is a {@code CommandState} name, {@code data} JSON or null. */
    public record CommandAnswer(String deviceId, long commandId, String state, String detail, String data, Instant at) {
    }

    /** A device applied or rejected a configuration version ({@code outcome}); {@code active} is what it runs now. */
    public record ConfigReport(String deviceId, String version, String outcome, String reason, String active, Instant at) {
    }

    /** A device's report on a deployment: {@code state} is a {@code DeploymentState} name. */
    public record UpdateReport(String deviceId, long deploymentId, String state, String running, Long bytes, String code,
                               String detail, Instant at) {
    }
}
