package org.kioskops.agent.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.kioskops.agent.config.MqttSettings;
import org.kioskops.agent.uplink.OutboundMessage;
import org.kioskops.agent.uplink.ReconnectBackoff;
import org.kioskops.agent.uplink.Uplink;
import org.kioskops.protocol.BrokerTrust;
import org.kioskops.protocol.ClientIdentity;
import org.kioskops.protocol.ConnectRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Uplink} over Eclipse Paho's MQTT 5 client. Paho's defaults lose data, so this adapter sets a
 * persistent session (clean start off, session expiry from config), keeps Paho's automatic reconnect off
 * and reconnects itself with exponential backoff and full jitter, which Paho lacks, and reads the broker's
 * Receive Maximum from each CONNACK, because Paho fails publishes beyond it instead of queueing them.
 */
public final class PahoUplink implements Uplink {
    private static final Logger LOG = LoggerFactory.getLogger(PahoUplink.class);
    private static final int MQTT_DEFAULT_RECEIVE_MAXIMUM = 65_535;

    private final String deviceId;
    private final String clientId;
    private final MqttSettings settings;
    private final ScheduledExecutorService scheduler;
    private volatile MqttAsyncClient client;
    /** Set when the broker refused this client's packets: the next connection starts a new client, clean. */
    private volatile boolean freshSession;
    private volatile int keepAliveSeconds;
    private SSLSocketFactory tls;
    private ConnectionHandler handler;
    private int lastRefusal;
    private volatile boolean connected;
    private volatile boolean stopped;
    private volatile int inFlightLimit;
    private int failedAttempts;
    private final javax.net.SocketFactory plainSockets;
    private final ReconnectBackoff backoff;

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
                      javax.net.SocketFactory plainSockets) {
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
        if (this.handler != null) {
            throw new IllegalStateException("already started");
        }
        this.handler = handler;
        if (settings.caFile() != null || settings.hasCertificate()) {
            try {
                tls = tlsSocketFactory();
            } catch (IOException e) {
                throw new IllegalArgumentException("mqtt TLS settings: " + e.getMessage(), e);
            }
        }
        if (!settings.hasSecret() && !settings.hasCertificate()) {
            LOG.warn("{} has no MQTT credentials configured (mqtt.passwordFile); only a broker that admits anyone will accept it",
                    deviceId);
        }
        try {
            client = new MqttAsyncClient(settings.url(), clientId, null);
        } catch (MqttException e) {
            throw new IllegalArgumentException("cannot create MQTT client for " + settings.url() + ": " + e.getMessage(), e);
        }
        client.setCallback(new Callback());
        scheduler.execute(this::connect);
    }

    private SSLSocketFactory tlsSocketFactory() throws IOException {
        ClientIdentity identity = settings.hasCertificate() ? ClientIdentity.load(settings.certFile(), settings.keyFile()) : null;
        return BrokerTrust.socketFactory(settings.caFile(), identity);
    }

    private void connect() {
        if (stopped || client.isConnected()) {
            return;
        }
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        if (freshSession) {
            // the broker refused what this client sent on its session: a new client on a clean session; the
            // publisher then sends again everything the broker has not acknowledged, from the outbox
            freshSession = false;
            closeClient();
            try {
                client = new MqttAsyncClient(settings.url(), clientId, null);
            } catch (MqttException e) {
                connectFailed(e);
                return;
            }
            client.setCallback(new Callback());
            options.setCleanStart(true);
        }
        options.setSessionExpiryInterval(settings.sessionExpirySeconds());
        options.setKeepAliveInterval(keepAliveSeconds);
        options.setConnectionTimeout(settings.connectTimeoutSeconds());
        options.setAutomaticReconnect(false);
        options.setUserName(settings.username() != null ? settings.username() : deviceId);
        try {
            String secret = settings.secret();
            if (secret != null) {
                options.setPassword(secret.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            connectFailed(new IOException("cannot read mqtt.passwordFile " + settings.passwordFile() + ": " + e.getClass().getSimpleName()));
            return;
        }
        if (settings.hasCertificate()) {
            try {
                // re-read at each attempt: an installer may have renewed the certificate in place
                tls = tlsSocketFactory();
            } catch (IOException e) {
                connectFailed(e);
                return;
            }
        }
        if (tls != null) {
            options.setSocketFactory(tls);
            options.setHttpsHostnameVerificationEnabled(true);
        } else if (plainSockets != null) {
            options.setSocketFactory(plainSockets);
        }
        OutboundMessage will = handler.willForNextConnection();
        options.setWill(will.topic(), new MqttMessage(will.payload(), will.qos(), will.retained(), null));
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    connected(token);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    connectFailed(failure);
                }
            });
        } catch (MqttException e) {
            connectFailed(e);
        }
    }

    private void connected(IMqttToken token) {
        MqttProperties properties = token.getResponseProperties();
        Integer receiveMaximum = properties == null ? null : properties.getReceiveMaximum();
        inFlightLimit = Math.min(settings.maxInFlight(), receiveMaximum == null ? MQTT_DEFAULT_RECEIVE_MAXIMUM : receiveMaximum);
        boolean sessionPresent = token.getSessionPresent();
        LOG.info("{} connected to {} (session present: {}, in-flight limit {}{})", deviceId, settings.url(),
                sessionPresent, inFlightLimit, failedAttempts > 0 ? ", after " + failedAttempts + " failed attempts" : "");
        failedAttempts = 0;
        lastRefusal = 0;
        connected = true;
        handler.connected(sessionPresent);
        java.util.List<String> topics = handler.subscriptions();
        if (!topics.isEmpty()) {
            try {
                client.subscribe(topics.stream().map(t -> new org.eclipse.paho.mqttv5.common.MqttSubscription(t, 1))
                        .toArray(org.eclipse.paho.mqttv5.common.MqttSubscription[]::new));
            } catch (MqttException e) {
                LOG.warn("{} could not subscribe to {}: {}", deviceId, topics, describe(e));
            }
        }
    }

    private void connectFailed(Throwable failure) {
        if (failure instanceof MqttException e && (e.getReasonCode() == MqttClientException.REASON_CODE_CLIENT_CONNECTED
                || e.getReasonCode() == MqttClientException.REASON_CODE_CONNECT_IN_PROGRESS)) {
            // two reconnections crossed (a lost connection and a failed attempt each scheduled one): the other one is
            // in charge; taking this for a failure would mark a connected client as disconnected for good
            LOG.debug("{} connect attempt skipped: {}", deviceId, describe(failure));
            return;
        }
        connected = false;
        if (stopped) {
            return;
        }
        failedAttempts++;
        long delay = backoffMillis(failedAttempts);
        int refusal = failure instanceof MqttException e && ConnectRefusal.isIdentityProblem(e.getReasonCode()) ? e.getReasonCode() : 0;
        if (refusal != 0 && refusal != lastRefusal) {
            // retrying cannot fix this; an operator must act, so it is an error, logged once per cause
            LOG.error("{} refused by {}: {}. Check mqtt.username and mqtt.passwordFile (or mqtt.certFile), or issue new credentials in the hub; "
                    + "retrying with backoff", deviceId, settings.url(), ConnectRefusal.explain(refusal).orElseThrow());
            lastRefusal = refusal;
        } else if (refusal != 0) {
            LOG.debug("{} connect attempt {} refused again ({}); next in {} ms", deviceId, failedAttempts, refusal, delay);
        } else if (failedAttempts == 1) {
            LOG.warn("{} cannot connect to {}: {}; retrying with backoff", deviceId, settings.url(), describe(failure));
        } else {
            LOG.debug("{} connect attempt {} failed: {}; next in {} ms", deviceId, failedAttempts, describe(failure), delay);
        }
        handler.disconnected(describe(failure));
        scheduleConnect(delay);
    }

    long backoffMillis(int attempt) {
        return backoff.delayMillis(attempt);
    }

    private void scheduleConnect(long delayMillis) {
        if (!stopped) {
            backoff.schedule(this::connect, delayMillis);
        }
    }

    @Override
    public boolean isConnected() {
        return connected;
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
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            MqttProperties properties = null;
            if (message.correlationData() != null) {
                properties = new MqttProperties();
                properties.setCorrelationData(message.correlationData());
            }
            client.publish(message.topic(), new MqttMessage(message.payload(), message.qos(), message.retained(), properties), null,
                    new MqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            done.complete(null);
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable failure) {
                            done.completeExceptionally(failure);
                        }
                    });
        } catch (MqttException | RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    @Override
    public void disconnect(Duration timeout) {
        stopped = true;
        try {
            if (client != null && client.isConnected()) {
                client.disconnect(timeout.toMillis()).waitForCompletion(timeout.toMillis());
            }
        } catch (MqttException e) {
            LOG.warn("{} did not disconnect cleanly: {}", deviceId, describe(e));
        } finally {
            connected = false;
            closeClient();
        }
    }

    @Override
    public void abort() {
        stopped = true;
        connected = false;
        try {
            if (client != null) {
                client.disconnectForcibly(0, 0, false);
            }
        } catch (MqttException e) {
            LOG.debug("{} abort: {}", deviceId, describe(e));
        } finally {
            closeClient();
        }
    }

    @Override
    public void close() {
        if (!stopped) {
            disconnect(Duration.ofSeconds(5));
        }
    }

    private void closeClient() {
        try {
            if (client != null) {
                client.close(true);
            }
        } catch (MqttException e) {
            LOG.debug("{} close: {}", deviceId, describe(e));
        }
    }

    private static String describe(Throwable failure) {
        if (failure instanceof MqttException e) {
            // Paho's message is generic ("Unexpected error") when the cause, e.g. a TLS failure, says what went wrong
            return e.getMessage() + " (code " + e.getReasonCode() + ")" + (e.getCause() == null ? "" : ": " + e.getCause());
        }
        return String.valueOf(failure);
    }

    /** MQTT 5 reason codes of a broker's DISCONNECT for a client that sent what it must not. */
    private static final int MALFORMED_PACKET = 0x81;
    private static final int PROTOCOL_ERROR = 0x82;

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            boolean wasConnected = connected;
            connected = false;
            if (stopped) {
                return;
            }
            String cause = response.getException() != null ? describe(response.getException())
                    : "broker disconnected us (reason " + response.getReturnCode() + ")";
            if (response.getException() == null && (response.getReturnCode() == MALFORMED_PACKET || response.getReturnCode() == PROTOCOL_ERROR)) {
                // seen after a long outage with a kept session: every reconnection was refused the same way
                LOG.warn("{} broker refused our session ({}); reconnecting with a new client on a clean session", deviceId, cause);
                freshSession = true;
            }
            if (wasConnected) {
                LOG.info("{} lost connection to {}: {}", deviceId, settings.url(), cause);
            }
            handler.disconnected(cause);
            failedAttempts++;
            scheduleConnect(backoffMillis(failedAttempts));
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("{} MQTT protocol error: {}", deviceId, describe(exception));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            MqttProperties properties = message.getProperties();
            handler.received(topic, message.getPayload(), properties == null ? null : properties.getCorrelationData());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // completion is handled per publish
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // handled in the connect listener, which also sees the CONNACK properties
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
