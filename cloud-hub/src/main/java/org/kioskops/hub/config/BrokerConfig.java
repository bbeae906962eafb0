package org.kioskops.hub.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The embedded broker, started only when no {@code kioskops.mqtt.url} is set, and the broker's accounts. */
@ConfigMapping(prefix = "kioskops.broker")
public interface BrokerConfig {
    Embedded embedded();

    Access access();

    /**
     * Who may connect to the broker. The hub writes Mosquitto's password and ACL files from its device
     * registry: always for the embedded broker (into {@code <home>/access}), and for an external
     * Mosquitto when {@link #dir()} is set.
     */
    interface Access {
        /** Directory for {@code passwd} and {@code acl}, for an external Mosquitto's password_file and acl_file. */
        Optional<String> dir();

        /** Run after the files change, for example {@code systemctl reload mosquitto}; Mosquitto reloads on SIGHUP. */
        Optional<String> reloadCommand();

        /**
         * Default validity of the device client certificates the hub issues. Kiosks run for years; a
         * certificate can be renewed at any time by issuing a new one, which revokes the old.
         */
        @WithDefault("P730D")
        Duration certificateValidity();

        /**
         * Mosquitto's client-certificate listener ({@code ssl://host:port}, with {@code require_certificate}
         * and {@code use_identity_as_username}). Mosquitto refuses revoked certificates at connection (from
         * {@code crl.pem}) but does not disconnect clients already connected with one; with this set, the hub
         * cuts them off by taking over their session. Not needed for the embedded broker.
         */
        Optional<String> certificateListenerUrl();

        /**
         * Validity of the CRL written for Mosquitto ({@code crl.pem}). The hub rewrites it at least every
         * quarter of this; if the hub stays down longer, Mosquitto refuses every client certificate (it does
         * not accept an expired CRL), which fails closed.
         */
        @WithDefault("P7D")
        Duration crlValidity();
    }

    /** Settings of the embedded HiveMQ CE child process. */
    interface Embedded {
        /** TCP port of its MQTT listener; 1884 so that it never collides with a system Mosquitto on 1883. 0 picks a free port. */
        @WithDefault("1884")
        int port();

        /**
         * Listen address. Loopback by default; for kiosks on a network set it together with
         * {@link #tlsPort()}, or their secrets cross the network in clear.
         */
        @WithDefault("127.0.0.1")
        String bindAddress();

        /** Directory for its configuration and persistence. */
        @WithDefault("data/broker")
        String home();

        /** Directory holding its {@code lib/}; by default {@code embedded-broker/} next to the hub's jar. */
        Optional<String> distribution();

        /** Time allowed for it to accept connections. */
        @WithDefault("90s")
        Duration startTimeout();

        /** Heap of the broker process, megabytes. */
        @WithDefault("256")
        int heapMegabytes();

        /**
         * Port of a TLS listener, in addition to the plain one. The hub creates a CA and a server
         * certificate for it under {@code <home>/tls} and serves the CA at {@code GET /api/broker/ca.pem}.
         */
        OptionalInt tlsPort();

        /** Host names and IP addresses the TLS server certificate is valid for. */
        @WithDefault("localhost,127.0.0.1")
        List<String> tlsHostnames();
    }
}
