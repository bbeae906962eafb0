package org.kioskops.agent.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.kioskops.agent.config.MqttSettings;
import org.kioskops.agent.uplink.OutboundMessage;
import org.kioskops.agent.uplink.PublishRefusedException;
import org.kioskops.agent.uplink.Uplink;
import org.kioskops.connectivity.ReconnectBackoff;
import org.kioskops.connectivity.mqtt.MqttSession;
import org.kioskops.connectivity.mqtt.MqttSessionSettings;
import org.kioskops.protocol.BrokerTrust;
import org.kioskops.protocol.ClientIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Uplink} over MQTT 5, on the {@link MqttSession} the hub uses too: a persistent session (session expiry
 * from config), reconnection with backoff and jitter, a new clean session after the broker refused this client's
 * packets, subscriptions renewed on every connection. The broker's Receive Maximum from each CONNACK caps what is
 * in flight, because Paho fails publishes beyond it instead of queueing them.
 */
public final class PahoUplink implements Uplink {
    private static final Logger LOG = LoggerFactory.getLogger(PahoUplink.class);

    private final String deviceId;
    private final String clientId;
    private final MqttSettings settings;
    private final ScheduledExecutorService scheduler;
    private final SocketFactory plainSockets;
    private final ReconnectBackoff backoff;
    private volatile int keepAliveSeconds;
    private volatile int inFlightLimit;
    private MqttSession session;

    /**
     * @param scheduler runs reconnect timers; may be shared by many uplinks
     * @param random    source of reconnect jitter
     */
    public PahoUplink(String deviceId, String clientId, MqttSettings settings, ScheduledExecutorService scheduler, Random random) {
        this(deviceId, clientId, settings, scheduler, random, null);
    }

    /**
     * @param plainSockets makes the sockets of {@code tcp://} connections (the simulator's fault injection
     *                     cuts a kiosk's network through it); null for the JVM's
     */
    public PahoUplink(String deviceId, String clientId, MqttSettings settings, ScheduledExecutorService scheduler, Random random,
                      SocketFactory plainSockets) {
        this.plainSockets = plainSockets;
        this.deviceId = deviceId;
        this.clientId = clientId;
        this.settings = settings;
        this.keepAliveSeconds = settings.keepAliveSeconds();
        this.scheduler = scheduler;
        this.inFlightLimit = settings.maxInFlight();
        this.backoff = new ReconnectBackoff(settings.reconnectMinDelayMillis(), settings.reconnectMaxDelayMillis(), random, scheduler, deviceId);
    }

    @Override
    public synchronized void start(ConnectionHandler handler) {
        if (session != null) {
            throw new IllegalStateException("already started");
        }
        if (settings.caFile() != null || settings.hasCertificate()) {
            try {
                tlsSocketFactory();
            } catch (IOException e) {
                throw new IllegalArgumentException("mqtt TLS settings: " + e.getMessage(), e);
            }
        }
        if (!settings.hasSecret() && !settings.hasCertificate()) {
            LOG.warn("{} has no MQTT credentials configured (mqtt.passwordFile); only a broker that admits anyone will accept it",
                    deviceId);
        }
        MqttSessionSettings sessionSettings = MqttSessionSettings.builder(settings.url(), clientId)
                .owner(deviceId)
                .sessionExpirySeconds(settings.sessionExpirySeconds())
                .keepAliveSeconds(() -> keepAliveSeconds)
                .connectTimeoutSeconds(settings.connectTimeoutSeconds())
                .credentials(settings.username() != null ? settings.username() : deviceId, this::secret)
                .sockets(this::sockets)
                .refusalHint("Check mqtt.username and mqtt.passwordFile (or mqtt.certFile), or issue new credentials in the hub")
                .build();
        session = new MqttSession(sessionSettings, backoff, new Listener(handler));
        session.start();
    }

    private byte[] secret() throws IOException {
        try {
            String secret = settings.secret();
            return secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            // the secret itself never goes into a message
            throw new IOException("cannot read mqtt.passwordFile " + settings.passwordFile() + ": " + e.getClass().getSimpleName());
        }
    }

    private SocketFactory sockets() throws IOException {
        if (settings.caFile() != null || settings.hasCertificate()) {
            // read at each attempt: an installer may have renewed the certificate in place
            return tlsSocketFactory();
        }
        return plainSockets;
    }

    private SSLSocketFactory tlsSocketFactory() throws IOException {
        ClientIdentity identity = settings.hasCertificate() ? ClientIdentity.load(settings.certFile(), settings.keyFile()) : null;
        return BrokerTrust.socketFactory(settings.caFile(), identity);
    }

    @Override
    public boolean isConnected() {
        MqttSession s = session;
        return s != null && s.isConnected();
    }

    @Override
    public void keepAliveForNextConnection(int seconds) {
        keepAliveSeconds = seconds;
    }

    @Override
    public int inFlightLimit() {
        return inFlightLimit;
    }

    @Override
    public CompletableFuture<Void> publish(OutboundMessage message) {
        MqttProperties properties = null;
        if (message.correlationData() != null) {
            properties = new MqttProperties();
            properties.setCorrelationData(message.correlationData());
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        session.publish(message.topic(), new MqttMessage(message.payload(), message.qos(), message.retained(), properties))
                .whenComplete((code, failure) -> {
                    if (failure != null) {
                        done.completeExceptionally(failure);
                    } else if (PublishRefusedException.refuses(code, message.retained())) {
                        // Paho completes a publish the broker refused as a success; the reason code tells
                        done.completeExceptionally(new PublishRefusedException(code));
                    } else {
                        done.complete(null);
                    }
                });
        return done;
    }

    @Override
    public void disconnect(Duration timeout) {
        MqttSession s = session;
        if (s != null) {
            s.disconnect(timeout.toMillis());
        }
    }

    @Override
    public void abort() {
        MqttSession s = session;
        if (s != null) {
            s.abort();
        }
    }

    @Override
    public void close() {
        MqttSession s = session;
        if (s != null) {
            s.close();
        }
    }

    /** The session's news, passed to the agent; the in-flight limit taken from each CONNACK. */
    private final class Listener implements MqttSession.Listener {
        private final ConnectionHandler handler;

        Listener(ConnectionHandler handler) {
            this.handler = handler;
        }

        @Override
        public MqttSession.MqttMessageOut willForNextAttempt() {
            OutboundMessage will = handler.willForNextConnection();
            return new MqttSession.MqttMessageOut(will.topic(), will.payload(), will.qos(), will.retained());
        }

        @Override
        public List<MqttSubscription> subscriptions() {
            return handler.subscriptions().stream().map(t -> new MqttSubscription(t, 1)).toList();
        }

        @Override
        public void connected(MqttSession.Connected connection) {
            inFlightLimit = Math.min(settings.maxInFlight(), connection.receiveMaximum());
            LOG.debug("{} in-flight limit {}", deviceId, inFlightLimit);
            handler.connected(connection.sessionPresent());
        }

        @Override
        public void disconnected(String cause) {
            handler.disconnected(cause);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message, long connection) {
            MqttProperties properties = message.getProperties();
            handler.received(topic, message.getPayload(), properties == null ? null : properties.getCorrelationData());
        }
    }
}
