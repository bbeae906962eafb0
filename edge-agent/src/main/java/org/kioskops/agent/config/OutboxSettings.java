package org.kioskops.agent.config;

/**
 * The store for messages the broker has not acknowledged yet.
 *
 * @param maxMessages most messages kept; beyond it the oldest are dropped and counted. At the default
 *                    telemetry interval of 30 s, 20,000 messages hold about a week of telemetry.
 */
public record OutboxSettings(Integer maxMessages) {
    public OutboxSettings {
        maxMessages = maxMessages == null ? 20_000 : maxMessages;
    }

    /** Every default. */
    public static OutboxSettings defaults() {
        return new OutboxSettings(null);
    }

    void validate(ConfigErrors errors) {
        errors.range("outbox.maxMessages", maxMessages, 10, 10_000_000);
    }
}
