package org.kioskops.agent.config;

/**
 * The agent's local status endpoint, for an installer on site ({@code kioskops-agent status}).
 *
 * @param statusPort TCP port on 127.0.0.1 (never another interface) that answers {@code GET /status};
 *                   0 turns it off. Default 8791.
 */
public record LocalSettings(Integer statusPort) {
    public LocalSettings {
        statusPort = statusPort == null ? 8791 : statusPort;
    }

    /** Every default. */
    public static LocalSettings defaults() {
        return new LocalSettings(null);
    }

    void validate(ConfigErrors errors) {
        errors.range("local.statusPort", statusPort, 0, 65_535);
    }
}
