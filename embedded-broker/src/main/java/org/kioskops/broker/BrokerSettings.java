package org.kioskops.broker;

import java.nio.file.Path;

/**
 * Settings of the embedded broker, with the defaults the hub relies on.
 *
 * @param bindAddress          address to listen on; loopback by default, because the embedded broker is for a
 *                             single machine (demo, development, CI) and has no device authentication yet
 * @param port                 TCP port of the MQTT listener
 * @param home                 directory for the broker's generated configuration and its file persistence
 * @param maxQueuedMessages    per-client queue for messages not yet delivered (client offline, or its in-flight
 *                             window full). HiveMQ's default of 1,000 drops the hub's telemetry during a
 *                             few seconds of hub downtime with a few hundred kiosks.
 * @param serverReceiveMaximum unacknowledged QoS 1 messages a client may have in flight towards the broker
 * @param maxPacketSizeBytes   largest MQTT packet; the contract's payload limit plus room for topic and properties
 * @param accessDir            directory with the hub's {@code passwd} and {@code acl} files; null admits every
 *                             client (tests of the broker itself)
 * @param tls                  a TLS listener in addition to plain TCP, or null
 */
public record BrokerSettings(
        String bindAddress,
        int port,
        Path home,
        long maxQueuedMessages,
        int serverReceiveMaximum,
        int maxPacketSizeBytes,
        Path accessDir,
        Tls tls) {

    /**
     * A TLS listener.
     *
     * @param keystore   JKS key store with the server's private key and certificate chain
     * @param password   password of the key store, of the key and of the trust store
     * @param truststore JKS trust store with the CA that signs device certificates, or null. With it, clients
     *                   may present a certificate (optional: secrets still work); those that do are identified by
     *                   it, not by a password.
     */
    public record Tls(int port, Path keystore, String password, Path truststore) {
    }

    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 1884;
    public static final long DEFAULT_MAX_QUEUED_MESSAGES = 1_000_000;
    public static final int DEFAULT_SERVER_RECEIVE_MAXIMUM = 100;
    public static final int DEFAULT_MAX_PACKET_SIZE_BYTES = 512 * 1024;

    public BrokerSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, was " + port);
        }
        if (home == null) {
            throw new IllegalArgumentException("home directory is required");
        }
        if (maxQueuedMessages < 1 || serverReceiveMaximum < 1 || maxPacketSizeBytes < 1024) {
            throw new IllegalArgumentException("queue size, receive maximum and packet size must be positive");
        }
    }

    /** Defaults, listening on {@code port} with state under {@code home}. */
    public static BrokerSettings defaults(Path home, int port) {
        return new BrokerSettings(DEFAULT_BIND_ADDRESS, port, home, DEFAULT_MAX_QUEUED_MESSAGES,
                DEFAULT_SERVER_RECEIVE_MAXIMUM, DEFAULT_MAX_PACKET_SIZE_BYTES, null, null);
    }

    /** The URL clients connect to. */
    public String url() {
        return "tcp://" + bindAddress + ":" + port;
    }
}
