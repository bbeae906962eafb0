package org.kioskops.connectivity.mqtt;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.kioskops.connectivity.ReconnectBackoff;
import org.kioskops.protocol.ConnectRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT 5 connection kept up for as long as its owner wants it, over Eclipse Paho: the hub's subscriber and the
 * agent's uplink are both built on it. Paho's defaults lose data, so the session is persistent (clean start off,
 * the session expiry its settings give), Paho's own reconnect stays off and the session reconnects itself through
 * {@link ReconnectBackoff} (one chain of attempts, jitter), subscribes again on every connection and checks the
 * SUBACK, starts a new client on a clean session after the broker refused its packets (a DISCONNECT with
 * Malformed Packet or Protocol Error, seen after a long outage with a kept session), explains refusals about
 * identity once per cause, and completes a publish the broker refused with its reason code, which Paho reports as
 * a success.
 *
 * <p>Callbacks come on Paho's and the reconnect scheduler's threads and must return quickly.
 */
public final class MqttSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSession.class);
    /** MQTT 5 reason codes of a broker's DISCONNECT for a client that sent what it must not. */
    private static final int MALFORMED_PACKET = 0x81;
    private static final int PROTOCOL_ERROR = 0x82;
    private static final int MQTT_DEFAULT_RECEIVE_MAXIMUM = 65_535;

    private final MqttSessionSettings settings;
    private final Listener listener;
    private final ReconnectBackoff backoff;
    private final AtomicLong connection = new AtomicLong();
    private volatile MqttAsyncClient client;
    /** Set when the broker refused this client's packets: the next attempt starts a new client, clean. */
    private volatile boolean freshSession;
    private volatile boolean connected;
    private volatile boolean stopped;
    private int failedAttempts;
    private int lastRefusal;

    /** What the owner of a session is told, and asked before each attempt. */
    public interface Listener {
        /** Called before each attempt, on the reconnect thread: the will of that attempt, or null for none. */
        default MqttMessageOut willForNextAttempt() {
            return null;
        }

        /** Filters to drop before subscribing when the broker kept the session (a former version's overlapping ones). */
        default List<String> unsubscribeFirst() {
            return List.of();
        }

        /** What to subscribe to on every connection; asked after the CONNACK. */
        default List<MqttSubscription> subscriptions() {
            return List.of();
        }

        /** The connection is up and its subscriptions granted (or refused, when the settings let that pass). */
        void connected(Connected connection);

        /** The connection is gone, or an attempt failed; the session keeps trying. */
        void disconnected(String cause);

        /** A message arrived on connection number {@code connection} (see {@link #acknowledge}). */
        void messageArrived(String topic, MqttMessage message, long connection) throws InterruptedException;
    }

    /**
     * A connection that is up.
     *
     * @param number         counts connections from 1, for acknowledgements that must go back on the same one
     * @param sessionPresent whether the broker kept the session
     * @param receiveMaximum the broker's Receive Maximum: how many QoS 1 publishes may be unacknowledged at once
     * @param failedAttempts attempts that failed before this one
     */
    public record Connected(long number, boolean sessionPresent, int receiveMaximum, int failedAttempts) {
    }

    /** A message to publish, as the will of the next attempt. */
    public record MqttMessageOut(String topic, byte[] payload, int qos, boolean retained) {
    }

    /**
     * A session that has not connected yet; {@link #start()} connects.
     *
     * @param backoff its reconnect delays, on the scheduler the attempts run on
     */
    public MqttSession(MqttSessionSettings settings, ReconnectBackoff backoff, Listener listener) {
        this.settings = settings;
        this.backoff = backoff;
        this.listener = listener;
        this.client = newClient();
    }

    private MqttAsyncClient newClient() {
        try {
            MqttAsyncClient c = new MqttAsyncClient(settings.url(), settings.clientId(), null);
            c.setCallback(new Callback());
            c.setManualAcks(settings.manualAcks());
            return c;
        } catch (MqttException e) {
            throw new IllegalArgumentException("cannot create an MQTT client for '" + settings.url() + "': " + e.getMessage(), e);
        }
    }

    /** Connects in the background and keeps reconnecting until {@link #disconnect} or {@link #abort}. */
    public void start() {
        backoff.schedule(this::connect, 0);
    }

    private void connect() {
        if (stopped || client.isConnected()) {
            return;
        }
        MqttConnectionOptions options;
        try {
            options = settings.options();
        } catch (Exception e) {
            // an unreadable password file or key: told like a failed attempt, retried (an installer may fix it)
            connectFailed(e);
            return;
        }
        if (freshSession) {
            // the broker refused what this client sent on its session: a new client on a clean session; its owner
            // sends again everything the broker has not acknowledged
            freshSession = false;
            closeClient();
            try {
                client = newClient();
            } catch (IllegalArgumentException e) {
                connectFailed(e);
                return;
            }
            options.setCleanStart(true);
        }
        MqttMessageOut will = listener.willForNextAttempt();
        if (will != null) {
            options.setWill(will.topic(), new MqttMessage(will.payload(), will.qos(), will.retained(), null));
        }
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    subscribe(token);
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

    private void subscribe(IMqttToken connack) {
        MqttProperties properties = connack.getResponseProperties();
        Integer announced = properties == null ? null : properties.getReceiveMaximum();
        Connected up = new Connected(connection.incrementAndGet(), connack.getSessionPresent(),
                announced == null ? MQTT_DEFAULT_RECEIVE_MAXIMUM : announced, failedAttempts);
        if (up.sessionPresent()) {
            List<String> drop = listener.unsubscribeFirst();
            if (!drop.isEmpty()) {
                try {
                    client.unsubscribe(drop.toArray(String[]::new)).waitForCompletion(settings.connectTimeoutSeconds() * 1000L);
                } catch (MqttException e) {
                    LOG.debug("{} dropping overlapping subscriptions failed: {}", settings.owner(), describe(e));
                }
            }
        }
        MqttSubscription[] subscriptions = listener.subscriptions().toArray(MqttSubscription[]::new);
        if (subscriptions.length == 0) {
            up(up);
            return;
        }
        try {
            client.subscribe(subscriptions, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    for (int i = 0; codes != null && i < codes.length && i < subscriptions.length; i++) {
                        if (codes[i] >= 0x80) {
                            String refused = "broker refused the subscription to " + subscriptions[i].getTopic() + " (reason code 0x"
                                    + Integer.toHexString(codes[i]) + ")";
                            if (settings.subscriptionsRequired()) {
                                LOG.error("{} {}; reconnecting", settings.owner(), refused);
                                dropAndRetry(refused);
                                return;
                            }
                            LOG.warn("{} {}", settings.owner(), refused);
                        }
                    }
                    up(up);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    LOG.error("{} cannot subscribe on {}: {}", settings.owner(), settings.url(), describe(failure));
                    dropAndRetry("subscription failed: " + describe(failure));
                }
            }, new MqttProperties());
        } catch (MqttException e) {
            LOG.error("{} cannot subscribe on {}: {}", settings.owner(), settings.url(), describe(e));
            dropAndRetry("subscription failed: " + describe(e));
        }
    }

    private void up(Connected up) {
        synchronized (this) {
            failedAttempts = 0;
            lastRefusal = 0;
        }
        connected = true;
        LOG.info("{} connected to {} as {} (session present: {}, connection {}{})", settings.owner(), settings.url(), settings.clientId(),
                up.sessionPresent(), up.number(), up.failedAttempts() > 0 ? ", after " + up.failedAttempts() + " failed attempts" : "");
        listener.connected(up);
    }

    private void dropAndRetry(String cause) {
        try {
            client.disconnectForcibly(0, 1000, false);
        } catch (MqttException e) {
            LOG.debug("{} forced disconnect: {}", settings.owner(), describe(e));
        }
        lost(cause);
    }

    private void connectFailed(Throwable failure) {
        if (failure instanceof MqttException e && (e.getReasonCode() == MqttClientException.REASON_CODE_CLIENT_CONNECTED
                || e.getReasonCode() == MqttClientException.REASON_CODE_CONNECT_IN_PROGRESS)) {
            // two attempts crossed: the other one is in charge; taking this for a failure would mark a connected
            // client as disconnected for good
            LOG.debug("{} connect attempt skipped: {}", settings.owner(), describe(failure));
            return;
        }
        connected = false;
        if (stopped) {
            return;
        }
        int attempt;
        boolean firstOfItsKind;
        int refusal = failure instanceof MqttException e && ConnectRefusal.isIdentityProblem(e.getReasonCode()) ? e.getReasonCode() : 0;
        synchronized (this) {
            attempt = ++failedAttempts;
            firstOfItsKind = refusal != 0 ? refusal != lastRefusal : attempt == 1;
            if (refusal != 0) {
                lastRefusal = refusal;
            }
        }
        long delay = backoff.delayMillis(attempt);
        if (refusal != 0 && firstOfItsKind) {
            // retrying cannot fix this; an operator must act, so it is an error, logged once per cause
            LOG.error("{} refused by {}: {}. {}; retrying with backoff", settings.owner(), settings.url(),
                    ConnectRefusal.explain(refusal).orElseThrow(), settings.refusalHint());
        } else if (firstOfItsKind) {
            LOG.warn("{} cannot connect to {}: {}; retrying with backoff", settings.owner(), settings.url(), describe(failure));
        } else {
            LOG.debug("{} connect attempt {} failed: {}; next in {} ms", settings.owner(), attempt, describe(failure), delay);
        }
        listener.disconnected(describe(failure));
        backoff.schedule(this::connect, delay);
    }

    private void lost(String cause) {
        connected = false;
        if (stopped) {
            return;
        }
        int attempt;
        synchronized (this) {
            attempt = ++failedAttempts;
        }
        listener.disconnected(cause);
        backoff.schedule(this::connect, backoff.delayMillis(attempt));
    }

    /** Whether the session is connected, its subscriptions granted. */
    public boolean isConnected() {
        return connected;
    }

    /** The number of the latest connection (from 1), 0 before the first. */
    public long connectionNumber() {
        return connection.get();
    }

    /**
     * Publishes {@code message}: completes with the PUBACK's reason code (0 for QoS 0, and below 0x80 when the broker
     * took it), exceptionally when it was not sent or the connection went before the acknowledgement.
     */
    public CompletableFuture<Integer> publish(String topic, MqttMessage message) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        try {
            client.publish(topic, message, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    done.complete(codes == null || codes.length == 0 ? 0 : codes[0]);
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

    /**
     * Acknowledges a message received with manual acknowledgements, on the connection it arrived on only: after a
     * reconnection the broker redelivers it under the same packet id, and an acknowledgement from the old connection
     * could release a different message.
     *
     * @return false when that connection is gone (the broker delivers the message again)
     */
    public boolean acknowledge(int messageId, int qos, long onConnection) {
        MqttAsyncClient current = client;
        // not "connected" (subscribed): a resumed session delivers what it queued before the SUBACK, and an
        // acknowledgement withheld for it would keep the message in flight until the next reconnection
        if (qos == 0 || onConnection != connection.get() || !current.isConnected()) {
            return qos == 0;
        }
        try {
            current.messageArrivedComplete(messageId, qos);
            return true;
        } catch (MqttException e) {
            LOG.debug("{} acknowledgement of message {} failed: {}; the broker will deliver it again", settings.owner(), messageId,
                    describe(e));
            return false;
        }
    }

    /** Disconnects cleanly (no will), waiting up to {@code timeoutMillis}, and stops reconnecting. */
    public void disconnect(long timeoutMillis) {
        stopped = true;
        try {
            if (client.isConnected()) {
                client.disconnect(timeoutMillis).waitForCompletion(timeoutMillis);
            }
        } catch (MqttException e) {
            LOG.warn("{} did not disconnect cleanly: {}", settings.owner(), describe(e));
        } finally {
            connected = false;
            closeClient();
        }
    }

    /** Drops the connection without a DISCONNECT, as a power cut would, so that the broker publishes the will. */
    public void abort() {
        stopped = true;
        connected = false;
        try {
            client.disconnectForcibly(0, 0, false);
        } catch (MqttException e) {
            LOG.debug("{} abort: {}", settings.owner(), describe(e));
        } finally {
            closeClient();
        }
    }

    @Override
    public void close() {
        if (!stopped) {
            disconnect(5000);
        }
    }

    private void closeClient() {
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("{} close: {}", settings.owner(), describe(e));
        }
    }

    /** A failure as an operator needs it: Paho's message is generic ("Unexpected error") where the cause says what went wrong. */
    public static String describe(Throwable failure) {
        if (failure instanceof MqttException e) {
            return e.getMessage() + " (code " + e.getReasonCode() + ")" + (e.getCause() == null ? "" : ": " + e.getCause());
        }
        return String.valueOf(failure);
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            boolean was = connected;
            connected = false;
            if (stopped) {
                return;
            }
            String cause = response.getException() != null ? describe(response.getException())
                    : "broker disconnected the client (reason code 0x" + Integer.toHexString(response.getReturnCode()) + ")";
            if (response.getException() == null
                    && (response.getReturnCode() == MALFORMED_PACKET || response.getReturnCode() == PROTOCOL_ERROR)) {
                LOG.warn("{} broker refused the session ({}); reconnecting with a new client on a clean session", settings.owner(), cause);
                freshSession = true;
            }
            if (was) {
                LOG.warn("{} lost its connection to {}: {}", settings.owner(), settings.url(), cause);
            }
            lost(cause);
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("{} MQTT protocol error: {}", settings.owner(), describe(exception));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
            listener.messageArrived(topic, message, connection.get());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // completion is handled per publish
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // handled in the connect listener, which also sees the CONNACK
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
