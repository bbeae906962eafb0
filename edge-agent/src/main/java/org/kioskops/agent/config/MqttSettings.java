package org.kioskops.agent.config;

/**
 * How the agent reaches the broker. Defaults keep data safe: a persistent session (clean start off,
 * session expiry one week) so that the broker queues commands while the box is offline, and reconnects
 * spread by exponential backoff with jitter so that a district-wide outage does not end in a storm.
 *
 * @param url                     {@code tcp://host:port} or {@code ssl://host:port}
 * @param clientId                MQTT client id; defaults to the device id
 * @param keepAliveSeconds        MQTT keep-alive; the broker declares the box dead after 1.5 times this
 * @param sessionExpirySeconds    how long the broker keeps the session after a disconnect
 * @param connectTimeoutSeconds   time allowed for one connection attempt
 * @param reconnectMinDelayMillis first reconnect delay; doubles per failed attempt
 * @param reconnectMaxDelayMillis upper bound of the reconnect delay
 * @param maxInFlight             most unacknowledged publishes; the broker's Receive Maximum lowers it
 */
public record MqttSettings(
        String url,
        String clientId,
        Integer keepAliveSeconds,
        Long sessionExpirySeconds,
        Integer connectTimeoutSeconds,
        Long reconnectMinDelayMillis,
        Long reconnectMaxDelayMillis,
        Integer maxInFlight) {

    public MqttSettings {
        keepAliveSeconds = keepAliveSeconds == null ? 30 : keepAliveSeconds;
        sessionExpirySeconds = sessionExpirySeconds == null ? 7L * 24 * 3600 : sessionExpirySeconds;
        connectTimeoutSeconds = connectTimeoutSeconds == null ? 10 : connectTimeoutSeconds;
        reconnectMinDelayMillis = reconnectMinDelayMillis == null ? 1_000L : reconnectMinDelayMillis;
        reconnectMaxDelayMillis = reconnectMaxDelayMillis == null ? 120_000L : reconnectMaxDelayMillis;
        maxInFlight = maxInFlight == null ? 20 : maxInFlight;
    }

    /** Settings with every default, connecting to {@code url}. */
    public static MqttSettings defaults(String url) {
        return new MqttSettings(url, null, null, null, null, null, null, null);
    }

    void validate(ConfigErrors errors) {
        if (url == null || !(url.startsWith("tcp://") || url.startsWith("ssl://"))) {
            errors.add("mqtt.url", "must be tcp://host:port or ssl://host:port", url);
        }
        errors.range("mqtt.keepAliveSeconds", keepAliveSeconds, 5, 3600);
        errors.range("mqtt.sessionExpirySeconds", sessionExpirySeconds, 60, 90L * 24 * 3600);
        errors.range("mqtt.connectTimeoutSeconds", connectTimeoutSeconds, 1, 300);
        errors.range("mqtt.reconnectMinDelayMillis", reconnectMinDelayMillis, 10, 600_000);
        errors.range("mqtt.reconnectMaxDelayMillis", reconnectMaxDelayMillis, reconnectMinDelayMillis, 3_600_000);
        errors.range("mqtt.maxInFlight", maxInFlight, 1, 65535);
        if (clientId != null && (clientId.isBlank() || clientId.length() > 128)) {
            errors.add("mqtt.clientId", "must be 1 to 128 characters", clientId);
        }
    }
}
