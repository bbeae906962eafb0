package org.kioskops.hub.mqtt;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.kioskops.hub.config.HubConfig;
import org.kioskops.hub.identity.HubCredentials;
import org.kioskops.hub.ingest.InboundMessage;
import org.kioskops.hub.ingest.IngestPipeline;
import org.kioskops.protocol.BrokerTrust;
import org.kioskops.protocol.ConnectRefusal;
import org.kioskops.protocol.MessageKind;
import org.kioskops.protocol.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's MQTT 5 subscriber (Eclipse Paho). A persistent session (clean start off, session expiry
 * from config) so that the broker queues device messages while the hub is down; manual acknowledgements,
 * given by the ingest pipeline only after a message is stored. Telemetry and events come through a
 * shared subscription, so several hubs can split the load; birth and status through plain ones, so that
 * a hub starting on a fresh session receives every device's retained state.
 *
 * <p>Paho delivers shared-subscription messages only to the client callback, never to per-subscription
 * listeners, so everything goes through the callback.
 */
@ApplicationScoped
public class PahoIngestClient implements MqttCallback {
    private static final Logger LOG = LoggerFactory.getLogger(PahoIngestClient.class);

    /** The kinds whose load several hubs can share; birth and status every hub needs whole. */
    private static final List<MessageKind> LOAD_KINDS = List.of(MessageKind.TELEMETRY, MessageKind.EVENTS, MessageKind.HEARTBEAT,
            MessageKind.CONFIG_STATE, MessageKind.COMMAND_RESULT, MessageKind.UPDATE_STATUS);

    private final HubConfig.Mqtt settings;
    /**
     * Telemetry and events through a shared subscription, so that several hubs can share the load: only on an
     * external broker. The embedded broker serves exactly one hub, and HiveMQ CE can stop delivering QoS 1
     * messages of a shared subscription to a connected subscriber (hivemq-community-edition#558; seen here
     * once in CI: telemetry stalled while birth and status still arrived).
     */
    private final boolean shareLoad;
    private final IngestPipeline pipeline;
    private final Clock clock;
    private final AtomicLong connection = new AtomicLong();
    private ScheduledExecutorService scheduler;
    private MqttAsyncClient client;
    private String url;
    private volatile boolean connected;
    private volatile boolean stopped;
    private int failedAttempts;

    private final HubCredentials credentials;
    private javax.net.ssl.SSLSocketFactory tls;

    @Inject
    public PahoIngestClient(HubConfig config, IngestPipeline pipeline, HubCredentials credentials, Clock clock) {
        this.settings = config.mqtt();
        this.shareLoad = config.mqtt().url().isPresent();
        this.pipeline = pipeline;
        this.credentials = credentials;
        this.clock = clock;
    }

    /** Connects to {@code url} in the background and keeps reconnecting until {@link #stop()}. */
    public synchronized void start(String url) {
        this.url = url;
        try {
            client = new MqttAsyncClient(url, settings.clientId(), null);
        } catch (MqttException e) {
            throw new IllegalArgumentException("invalid MQTT URL '" + url + "': " + e.getMessage(), e);
        }
        if (settings.caFile().isPresent() && url.startsWith("ssl://")) {
            try {
                tls = BrokerTrust.socketFactory(Path.of(settings.caFile().get()));
            } catch (IOException e) {
                throw new IllegalStateException("kioskops.mqtt.ca-file: " + e.getMessage(), e);
            }
        }
        client.setCallback(this);
        client.setManualAcks(true);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mqtt-reconnect");
            t.setDaemon(true);
            return t;
        });
        scheduler.execute(this::connect);
    }

    private void connect() {
        if (stopped) {
            return;
        }
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(settings.sessionExpirySeconds());
        options.setKeepAliveInterval(settings.keepAliveSeconds());
        options.setReceiveMaximum(settings.receiveMaximum());
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        options.setUserName(credentials.username());
        credentials.password().ifPresent(p -> options.setPassword(p.getBytes(StandardCharsets.UTF_8)));
        if (tls != null) {
            options.setSocketFactory(tls);
            options.setHttpsHostnameVerificationEnabled(true);
        }
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    connected(token.getSessionPresent());
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    retry(connectFailure(failure));
                }
            });
        } catch (MqttException e) {
            retry(connectFailure(e));
        }
    }

    private String connectFailure(Throwable failure) {
        String hint = failure instanceof MqttException e ? ConnectRefusal.explain(e.getReasonCode())
                .map(text -> " -- " + text + "; check kioskops.mqtt.username and kioskops.mqtt.password").orElse("") : "";
        return "cannot connect to " + url + " as " + credentials.username() + ": " + failure + hint;
    }

    private void connected(boolean sessionPresent) {
        long epoch = connection.incrementAndGet();
        try {
            List<MqttSubscription> list = new ArrayList<>();
            LOAD_KINDS.forEach(kind -> list.add(new MqttSubscription(shareLoad ? sharedFilter(kind) : Topics.filterForAll(kind), 1)));
            list.add(retainedState(MessageKind.BIRTH));
            list.add(retainedState(MessageKind.STATUS));
            MqttSubscription[] subscriptions = list.toArray(MqttSubscription[]::new);
            client.subscribe(subscriptions, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    for (int i = 0; codes != null && i < codes.length; i++) {
                        if (codes[i] >= 0x80) {
                            LOG.error("Broker {} refused subscription to {} (reason code {}); shared subscriptions and QoS 1 "
                                    + "are required", url, subscriptions[i].getTopic(), codes[i]);
                            disconnectAndRetry();
                            return;
                        }
                    }
                    connected = true;
                    if (sessionPresent && !shareLoad) {
                        dropSharedSubscriptions();
                    }
                    LOG.info("Hub connected to {} as {} (session present: {}, connection {}{})", url, settings.clientId(),
                            sessionPresent, epoch, failedAttempts > 0 ? ", after " + failedAttempts + " failed attempts" : "");
                    failedAttempts = 0;
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    LOG.error("Hub cannot subscribe on {}: {}", url, failure.toString());
                    disconnectAndRetry();
                }
            }, new MqttProperties());
        } catch (MqttException e) {
            LOG.error("Hub cannot subscribe on {}: {}", url, e.toString());
            disconnectAndRetry();
        }
    }

    /** A session kept from a hub version that shared its load on the embedded broker would deliver everything twice. */
    private void dropSharedSubscriptions() {
        String[] filters = LOAD_KINDS.stream().map(this::sharedFilter).toArray(String[]::new);
        try {
            client.unsubscribe(filters);
        } catch (MqttException e) {
            LOG.debug("dropping old shared subscriptions failed: {}", e.toString());
        }
    }

    private String sharedFilter(MessageKind kind) {
        return "$share/" + settings.sharedGroup() + "/" + Topics.filterForAll(kind);
    }

    private static MqttSubscription retainedState(MessageKind kind) {
        MqttSubscription subscription = new MqttSubscription(Topics.filterForAll(kind), 1);
        // retained messages only when the subscription is new: a resumed session already had them
        subscription.setRetainHandling(1);
        return subscription;
    }

    private void disconnectAndRetry() {
        try {
            client.disconnectForcibly(0, 1000, false);
        } catch (MqttException e) {
            LOG.debug("forced disconnect: {}", e.toString());
        }
        retry("subscription failed");
    }

    private void retry(String cause) {
        connected = false;
        if (stopped) {
            return;
        }
        failedAttempts++;
        long ceiling = Math.min(settings.reconnectMaxDelayMillis(), settings.reconnectMinDelayMillis() << Math.min(failedAttempts - 1, 16));
        long delay = settings.reconnectMinDelayMillis() / 2 + ThreadLocalRandom.current().nextLong(Math.max(1, ceiling));
        if (failedAttempts == 1) {
            LOG.warn("Hub MQTT: {}; retrying with backoff", cause);
        } else {
            LOG.debug("Hub MQTT attempt {}: {}; next in {} ms", failedAttempts, cause, delay);
        }
        try {
            scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("not reconnecting: stopping");
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
        long epoch = connection.get();
        int id = message.getId();
        int qos = message.getQos();
        pipeline.submit(new InboundMessage(topic, message.getPayload(), message.isRetained(), clock.instant(),
                () -> acknowledge(id, qos, epoch)));
    }

    /**
     * Acknowledges on the connection the message arrived on only: after a reconnect the broker redelivers
     * it under the same packet id, and an ack from the old connection could release a different message.
     */
    private void acknowledge(int id, int qos, long epoch) {
        if (qos == 0 || epoch != connection.get() || !connected) {
            return;
        }
        try {
            client.messageArrivedComplete(id, qos);
        } catch (MqttException e) {
            LOG.debug("ack of message {} failed: {}; the broker will redeliver it", id, e.toString());
        }
    }

    /**
     * Publishes a hub message to a device topic at QoS 1 and waits up to {@code timeout} for the broker's
     * acknowledgement; false when not connected or not acknowledged in time.
     */
    public boolean publish(String topic, byte[] payload, boolean retained, MqttProperties properties, java.time.Duration timeout) {
        MqttAsyncClient current = client;
        if (current == null || !current.isConnected()) {
            return false;
        }
        try {
            MqttMessage message = new MqttMessage(payload, 1, retained, properties);
            IMqttToken token = current.publish(topic, message);
            token.waitForCompletion(timeout.toMillis());
            return token.isComplete() && token.getException() == null;
        } catch (MqttException e) {
            LOG.debug("Publishing to {} failed: {}", topic, e.toString());
            return false;
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        boolean was = connected;
        connected = false;
        if (stopped) {
            return;
        }
        String cause = response.getException() != null ? response.getException().toString()
                : "broker disconnected the hub (reason " + response.getReturnCode() + ")";
        if (was) {
            LOG.warn("Hub lost its MQTT connection to {}: {}", url, cause);
        }
        retry(cause);
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        LOG.warn("Hub MQTT protocol error: {}", exception.toString());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // the hub publishes nothing yet
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        // handled in the connect listener
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // no enhanced authentication
    }

    /** Whether the hub is connected and subscribed. */
    public boolean isConnected() {
        return connected;
    }

    /** The broker URL the hub uses. */
    public String url() {
        return url;
    }

    /** Disconnects cleanly and stops reconnecting. */
    public synchronized void stop() {
        stopped = true;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(5000).waitForCompletion(5000);
            }
        } catch (MqttException e) {
            LOG.debug("disconnect: {}", e.toString());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("close: {}", e.toString());
        }
        connected = false;
    }
}
