package org.kioskops.hub.mqtt;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.kioskops.connectivity.ReconnectBackoff;
import org.kioskops.connectivity.mqtt.MqttSession;
import org.kioskops.connectivity.mqtt.MqttSessionSettings;
import org.kioskops.hub.config.MqttConfig;
import org.kioskops.hub.identity.HubCredentials;
import org.kioskops.hub.ingest.InboundMessage;
import org.kioskops.hub.ingest.IngestPipeline;
import org.kioskops.protocol.BrokerTrust;
import org.kioskops.protocol.MessageKind;
import org.kioskops.protocol.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's MQTT 5 subscriber, on the {@link MqttSession} the agents use too. A persistent session (clean start
 * off, session expiry from config) so that the broker queues device messages while the hub is down; manual
 * acknowledgements, given by the ingest pipeline only after a message is stored. One subscription to the whole
 * device tree, {@code kioskops/v1/#}, with No Local (the hub's own config, commands and receipts do not come
 * back), so that a message on a topic level the contract does not know reaches the pipeline and is counted as
 * {@code topic_invalid} instead of vanishing at the broker; a broker that restores the session after a restart
 * restores this plain subscription with it. Subscribed again on every connection all the same, and ready
 * only once the broker granted it; a refused subscription is a failed connection, retried.
 *
 * <p>With {@code kioskops.mqtt.shared-group} set, the load kinds come through shared subscriptions instead
 * and birth and status through plain ones (shared subscriptions cannot have No Local).
 */
@ApplicationScoped
public class PahoIngestClient implements MqttSession.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(PahoIngestClient.class);

    /** The kinds whose load several hubs can share; birth and status every hub needs whole. */
    private static final List<MessageKind> LOAD_KINDS = List.of(MessageKind.TELEMETRY, MessageKind.EVENTS, MessageKind.HEARTBEAT,
            MessageKind.CONFIG_STATE, MessageKind.COMMAND_RESULT, MessageKind.UPDATE_STATUS);

    private final MqttConfig settings;
    /**
     * The load kinds through a shared subscription: only when a group is configured. HiveMQ CE can stop
     * delivering QoS 1 messages of a shared subscription to a connected subscriber
     * (hivemq-community-edition#558), and Mosquitto 2.0 does not restore them with a session after a restart.
     */
    private final boolean shareLoad;
    private final IngestPipeline pipeline;
    private final Clock clock;
    private final HubCredentials credentials;
    private ScheduledExecutorService scheduler;
    private volatile MqttSession session;
    private String url;

    @Inject
    public PahoIngestClient(MqttConfig config, IngestPipeline pipeline, HubCredentials credentials, Clock clock) {
        this.settings = config;
        this.shareLoad = config.sharedGroup().isPresent();
        this.pipeline = pipeline;
        this.credentials = credentials;
        this.clock = clock;
    }

    /** Connects to {@code url} in the background and keeps reconnecting until {@link #stop()}. */
    public synchronized void start(String url) {
        this.url = url;
        SocketFactory tls = null;
        if (settings.caFile().isPresent() && url.startsWith("ssl://")) {
            try {
                tls = BrokerTrust.socketFactory(Path.of(settings.caFile().get()));
            } catch (IOException e) {
                throw new IllegalStateException("kioskops.mqtt.ca-file: " + e.getMessage(), e);
            }
        }
        SocketFactory sockets = tls;
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mqtt-reconnect");
            t.setDaemon(true);
            return t;
        });
        MqttSessionSettings sessionSettings = MqttSessionSettings.builder(url, settings.clientId())
                .owner("hub")
                .sessionExpirySeconds(settings.sessionExpiry().toSeconds())
                .keepAliveSeconds(() -> (int) settings.keepAlive().toSeconds())
                .receiveMaximum(settings.receiveMaximum())
                .credentials(credentials.username(), () -> credentials.password().map(p -> p.getBytes(StandardCharsets.UTF_8)).orElse(null))
                .sockets(() -> sockets)
                .manualAcks(true)
                .subscriptionsRequired(true)
                .refusalHint("Check kioskops.mqtt.username and kioskops.mqtt.password")
                .build();
        ReconnectBackoff backoff = new ReconnectBackoff(settings.reconnectMinDelay().toMillis(), settings.reconnectMaxDelay().toMillis(), new Random(),
                scheduler, "hub");
        try {
            session = new MqttSession(sessionSettings, backoff, this);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid MQTT URL '" + url + "': " + e.getMessage(), e);
        }
        session.start();
    }

    @Override
    public void connected(MqttSession.Connected connection) {
        // the session logs the connection; readiness follows isConnected()
    }

    @Override
    public void disconnected(String cause) {
        LOG.debug("Hub MQTT: {}", cause);
    }

    @Override
    public List<String> unsubscribeFirst() {
        return overlappingFilters();
    }

    /**
     * What the hub subscribes to: the whole tree with No Local; or, sharing the load, the load kinds in the group
     * and birth and status plainly. Retained messages only for a new subscription: a resumed one had them.
     */
    @Override
    public List<MqttSubscription> subscriptions() {
        List<MqttSubscription> list = new ArrayList<>();
        if (shareLoad) {
            LOAD_KINDS.forEach(kind -> list.add(new MqttSubscription(sharedFilter(kind), 1)));
            list.add(retainedOnlyWhenNew(Topics.filterForAll(MessageKind.BIRTH)));
            list.add(retainedOnlyWhenNew(Topics.filterForAll(MessageKind.STATUS)));
        } else {
            MqttSubscription all = retainedOnlyWhenNew(Topics.FILTER_ALL);
            all.setNoLocal(true);
            list.add(all);
        }
        return list;
    }

    /**
     * Overlapping subscriptions deliver a message once per subscription (Mosquitto 2.0 does): the filters of the
     * other mode, and the per-kind ones of hub versions before contract 1.5, go before subscribing to a kept session.
     */
    private List<String> overlappingFilters() {
        List<String> filters = new ArrayList<>();
        if (shareLoad) {
            filters.add(Topics.FILTER_ALL);
        } else {
            for (MessageKind kind : MessageKind.values()) {
                filters.add(Topics.filterForAll(kind));
            }
            settings.sharedGroup().ifPresent(group -> LOAD_KINDS.forEach(kind -> filters.add(sharedFilter(kind))));
            // the group every hub used before it was optional
            LOAD_KINDS.forEach(kind -> filters.add("$share/kioskops-hub/" + Topics.filterForAll(kind)));
        }
        return filters;
    }

    private String sharedFilter(MessageKind kind) {
        return "$share/" + settings.sharedGroup().orElseThrow() + "/" + Topics.filterForAll(kind);
    }

    private static MqttSubscription retainedOnlyWhenNew(String filter) {
        MqttSubscription subscription = new MqttSubscription(filter, 1);
        subscription.setRetainHandling(1);
        return subscription;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message, long connection) throws InterruptedException {
        int id = message.getId();
        int qos = message.getQos();
        pipeline.submit(new InboundMessage(topic, message.getPayload(), message.isRetained(), clock.instant(),
                () -> session.acknowledge(id, qos, connection)));
    }

    /**
     * Publishes a hub message to a device topic at QoS 1 and waits up to {@code timeout} for the broker's
     * acknowledgement; false when not connected, refused or not acknowledged in time.
     */
    public boolean publish(String topic, byte[] payload, boolean retained, MqttProperties properties, Duration timeout) {
        MqttSession current = session;
        if (current == null) {
            return false;
        }
        try {
            // a PUBACK's reason code 0x80 or more is a refusal
            return current.publish(topic, new MqttMessage(payload, 1, retained, properties)).get(timeout.toMillis(), TimeUnit.MILLISECONDS) < 0x80;
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("Publishing to {} failed: {}", topic, e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Publishes at QoS 0 without waiting (receipts: one that is lost costs the device a resend, nothing more).
     * Works before the SUBACK: a resumed session delivers, and the hub confirms, what the broker queued.
     *
     * @return false when not connected or the client refused it
     */
    public boolean publishAtMostOnce(String topic, byte[] payload) {
        MqttSession current = session;
        if (current == null) {
            return false;
        }
        CompletableFuture<Integer> sent = current.publish(topic, new MqttMessage(payload, 0, false, null));
        if (sent.isCompletedExceptionally()) {
            LOG.debug("Publishing to {} failed", topic);
            return false;
        }
        return true;
    }

    /** Whether the hub is connected and subscribed. */
    public boolean isConnected() {
        MqttSession current = session;
        return current != null && current.isConnected();
    }

    /** The broker URL the hub uses. */
    public String url() {
        return url;
    }

    /** Disconnects cleanly and stops reconnecting. */
    public synchronized void stop() {
        if (session != null) {
            session.disconnect(5000);
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
