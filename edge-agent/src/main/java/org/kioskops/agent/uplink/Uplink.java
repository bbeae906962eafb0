package org.kioskops.agent.uplink;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The agent's connection to the hub's broker. Connects in the background, reconnects with backoff until
 * closed, and publishes messages that complete only once the broker has acknowledged them.
 */
public interface Uplink extends AutoCloseable {
    /** Starts connecting; {@code handler} is told about every connection and loss. Called once. */
    void start(ConnectionHandler handler);

    /** Whether a connection is established now. */
    boolean isConnected();

    /**
     * Publishes one message. The future completes when the broker acknowledged it (QoS 1) or it was written
     * (QoS 0), and fails when it cannot be sent, or with {@link PublishRefusedException} when the broker refused
     * it (a PUBACK reason code of 0x80 or more, or 0x10 "no matching subscribers" for a message it does not retain). The caller keeps at most {@link #inFlightLimit()}
     * unacknowledged messages outstanding.
     */
    CompletableFuture<Void> publish(OutboundMessage message);

    /**
     * Whether a completed publish already means that the hub stored the message (CoAP: the hub answers only then),
     * so that the agent needs no receipt.
     */
    default boolean confirmsStorage() {
        return false;
    }

    /** The MQTT keep-alive to ask for from the next connection on (the hub's settings changed it). */
    default void keepAliveForNextConnection(int seconds) {
    }

    /** Largest number of unacknowledged publishes the broker accepts (its Receive Maximum). */
    int inFlightLimit();

    /** Disconnects cleanly, so that the broker does not publish the will, and stops reconnecting. */
    void disconnect(Duration timeout);

    /**
     * Drops the connection without an MQTT DISCONNECT, exactly as a power cut or a killed process does, so
     * that the broker publishes the will; stops reconnecting.
     */
    void abort();

    @Override
    void close();

    /** Callbacks from the uplink; invoked on the uplink's threads and expected to return quickly. */
    interface ConnectionHandler {
        /** The will to register for the next connection attempt. */
        OutboundMessage willForNextConnection();

        /** A connection is up; {@code sessionPresent} tells whether the broker kept the previous session. */
        void connected(boolean sessionPresent);

        /** The connection is gone (or an attempt failed); the uplink keeps trying. */
        void disconnected(String cause);

        /** Topics to subscribe to (QoS 1) on every connection: the hub's messages to this device. */
        default List<String> subscriptions() {
            return List.of();
        }

        /**
         * A message from the hub arrived on one of {@link #subscriptions()}.
         *
         * @param correlationData its MQTT 5 correlation data, or null
         */
        default void received(String topic, byte[] payload, byte[] correlationData) {
        }
    }
}
