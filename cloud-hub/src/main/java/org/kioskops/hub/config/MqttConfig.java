package org.kioskops.hub.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The hub's MQTT client: the broker it connects to and how. Read by the MQTT adapter, and by the broker and
 * identity features, which need to know whether the broker is the embedded one and which CA it shows.
 */
@ConfigMapping(prefix = "kioskops.mqtt")
public interface MqttConfig {
    /**
     * URL of an external broker ({@code tcp://host:1883}, {@code ssl://host:8883}). When absent, the hub
     * starts its embedded broker and connects to that.
     */
    Optional<String> url();

    /** Client id; the persistent session on the broker is keyed by it. */
    @WithDefault("kioskops-hub")
    String clientId();

    /** User name the hub authenticates with. */
    @WithDefault("kioskops-hub")
    String username();

    /**
     * The hub's broker password. With the embedded broker it may stay unset: the hub then makes up a new
     * one at every start and gives the broker only its hash.
     */
    Optional<String> password();

    /** PEM file of the CA that signed an {@code ssl://} broker's certificate, when not a public CA. */
    Optional<String> caFile();

    /**
     * Shared-subscription group for telemetry, events and the other load kinds. Unset (the default), the hub
     * subscribes to the whole device tree {@code kioskops/v1/#} itself, which one hub needs: it then also sees
     * messages on unknown topic levels and counts them as {@code topic_invalid}, and a broker that restores its
     * session after a restart restores this subscription too (Mosquitto 2.0 does not restore {@code $share}
     * ones). Set, the load kinds come through {@code $share/{group}/...}; several hubs sharing a group is not
     * supported yet, since each keeps the state of the devices it handles in memory.
     */
    Optional<String> sharedGroup();

    /** How long the broker keeps the hub's session, and queues its messages, while the hub is down (whole seconds on the wire). */
    @WithDefault("24h")
    Duration sessionExpiry();

    /** MQTT keep-alive (whole seconds on the wire). */
    @WithDefault("30s")
    Duration keepAlive();

    /**
     * Unacknowledged QoS 1 messages the broker may send the hub (the hub's Receive Maximum). Messages
     * are acknowledged only after they are stored, so this bounds what a hub crash leaves to redeliver.
     */
    @WithDefault("10000")
    int receiveMaximum();

    /** First reconnect delay; doubles per failed attempt up to {@link #reconnectMaxDelay()}, with full jitter. */
    @WithDefault("500ms")
    Duration reconnectMinDelay();

    /**
     * Longest reconnect delay. Short: the hub is one client of its own broker, and while it is away
     * every kiosk's readings wait, unconfirmed, on the boxes.
     */
    @WithDefault("5s")
    Duration reconnectMaxDelay();
}
