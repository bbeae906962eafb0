package org.kioskops.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.kioskops.connectivity.mqtt.Callbacks;
import org.kioskops.protocol.DeviceMessage;
import org.kioskops.protocol.ProtocolCodec;
import org.kioskops.protocol.ProtocolException;
import org.kioskops.protocol.Receipt;
import org.kioskops.protocol.Topics;

/**
 * A plain MQTT 5 client for tests: records what arrives on a filter, publishes raw payloads, and reports
 * the broker's reason codes, so that tests can assert what a broker allows and refuses.
 */
public final class MqttProbe implements AutoCloseable {
    private static final long TIMEOUT_MILLIS = 10_000;

    private final MqttAsyncClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Integer serverReceiveMaximum;
    private volatile Integer disconnectReason;
    /** Whether the probe answers device messages with receipts, as the hub does (contract 1.5). */
    private volatile boolean receipts;
    private final AtomicInteger receiptsSent = new AtomicInteger();
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    private MqttProbe(MqttAsyncClient client) {
        this.client = client;
    }

    /** Connects to {@code url} anonymously with a clean session and a random client id. */
    public static MqttProbe connect(String url) {
        return to(url).connect();
    }

    /** Starts describing a connection to {@code url}. */
    public static Connector to(String url) {
        return new Connector(url);
    }

    /** How a probe connects: client id, user name and password, TLS trust. */
    public static final class Connector {
        private final String url;
        private String clientId = "probe-" + UUID.randomUUID();
        private String username;
        private byte[] password;
        private SSLSocketFactory tls;

        private Connector(String url) {
            this.url = url;
        }

        /** Logs in as {@code username}, with it as the client id too (KioskOps brokers require that). */
        public Connector as(String username, String password) {
            this.username = username;
            this.clientId = username;
            this.password = password == null ? null : password.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public Connector clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /** Verifies an {@code ssl://} broker with this factory's trust. */
        public Connector tls(SSLSocketFactory tls) {
            this.tls = tls;
            return this;
        }

        /** Connects, or fails with the broker's reason. */
        public MqttProbe connect() {
            MqttAsyncClient client = null;
            try {
                client = new MqttAsyncClient(url, clientId, null);
                MqttProbe probe = new MqttProbe(client);
                client.setCallback(Callbacks.receiving(probe::arrived, response -> probe.disconnectReason = response.getReturnCode()));
                IMqttToken connack = client.connect(options());
                connack.waitForCompletion(TIMEOUT_MILLIS);
                probe.serverReceiveMaximum = connack.getResponseProperties() == null ? null
                        : connack.getResponseProperties().getReceiveMaximum();
                return probe;
            } catch (MqttException e) {
                closeQuietly(client);
                throw new IllegalStateException("probe cannot connect to " + url + " (reason code " + e.getReasonCode() + ")", e);
            }
        }

        /** Tries to connect, and disconnects at once if it could. */
        public Attempt attempt() {
            MqttAsyncClient client = null;
            try {
                client = new MqttAsyncClient(url, clientId, null);
                client.connect(options()).waitForCompletion(TIMEOUT_MILLIS);
                client.disconnect().waitForCompletion(TIMEOUT_MILLIS);
                return new Attempt(true, 0, null);
            } catch (MqttException e) {
                return new Attempt(false, e.getReasonCode(), e);
            } finally {
                closeQuietly(client);
            }
        }

        private MqttConnectionOptions options() {
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setConnectionTimeout(10);
            if (username != null) {
                options.setUserName(username);
            }
            if (password != null) {
                options.setPassword(password);
            }
            if (tls != null) {
                options.setSocketFactory(tls);
            }
            return options;
        }
    }

    /**
     * The outcome of a connection attempt.
     *
     * @param reasonCode the CONNACK reason code, or Paho's code for a failure before any CONNACK
     * @param failure    why it failed, such as a refused TLS handshake; null when accepted
     */
    public record Attempt(boolean accepted, int reasonCode, Throwable failure) {
        /** Whether the failure, or one of its causes, is of this type. */
        public boolean causedBy(Class<? extends Throwable> type) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static void closeQuietly(MqttAsyncClient client) {
        if (client == null) {
            return;
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // a failed test connection
        }
    }

    /** The Receive Maximum the broker announced in its CONNACK; null when it sent none (65,535). */
    public Integer serverReceiveMaximum() {
        return serverReceiveMaximum;
    }

    /**
     * Makes the probe stand in for the hub's receipts: every valid device message it receives is answered with a
     * receipt on the device's receipt topic, which the probe itself does not record. {@code false} withholds them.
     */
    public MqttProbe answerWithReceipts(boolean answer) {
        this.receipts = answer;
        return this;
    }

    /** Receipts sent so far. */
    public int receiptsSent() {
        return receiptsSent.get();
    }

    private void answer(String topic, byte[] payload) {
        try {
            DeviceMessage message = CODEC.decode(topic, payload);
            Receipt receipt = new Receipt(DeviceMessage.VERSION,
                    message.deviceId(), Instant.now(), null,
                    List.of(new Receipt.Range(message.seq(), message.seq())), List.of());
            client.publish(Topics.receiptTopic(message.deviceId()), new MqttMessage(CODEC.encode(receipt), 0, false, null));
            receiptsSent.incrementAndGet();
        } catch (ProtocolException | MqttException e) {
            // not a device message, or the broker went away: the device sends it again
        }
    }

    /** Subscribes at QoS 1; retained messages on the filter arrive at once. Fails if the broker refuses. */
    public MqttProbe subscribe(String filter) {
        int reason = trySubscribe(filter);
        if (reason >= 0x80) {
            throw new IllegalStateException("broker refused subscription to " + filter + " (reason code " + reason + ")");
        }
        return this;
    }

    /** Subscribes at QoS 1 and returns the SUBACK reason code: 0 or 1 granted, 0x80 and above refused. */
    public int trySubscribe(String filter) {
        try {
            IMqttToken token = client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)}, null, null, new MqttProperties());
            token.waitForCompletion(TIMEOUT_MILLIS);
            int[] codes = token.getReasonCodes();
            return codes == null || codes.length == 0 ? 0 : codes[0];
        } catch (MqttException e) {
            return e.getReasonCode();
        }
    }

    /** Publishes a raw payload at QoS 1 and waits for the broker's acknowledgement. Fails if the broker refuses. */
    public void publish(String topic, byte[] payload, boolean retained) {
        int reason = tryPublish(topic, payload, retained);
        if (reason >= 0x80) {
            throw new IllegalStateException("broker refused publish to " + topic + " (reason code " + reason + ")");
        }
    }

    /** Publishes a UTF-8 text payload at QoS 1. */
    public void publish(String topic, String payload) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), false);
    }

    /**
     * Publishes at QoS 1 and returns the PUBACK reason code: 0 accepted (16 no matching subscribers), 0x80
     * and above refused, or Paho's code if the broker closed the connection instead of answering.
     */
    public int tryPublish(String topic, byte[] payload, boolean retained) {
        try {
            IMqttToken token = client.publish(topic, new MqttMessage(payload, 1, retained, null));
            token.waitForCompletion(TIMEOUT_MILLIS);
            int[] codes = token.getReasonCodes();
            return codes == null || codes.length == 0 ? 0 : codes[0];
        } catch (MqttException e) {
            return e.getReasonCode();
        }
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** The reason code of the broker's DISCONNECT, or null while connected or if it sent none. */
    public Integer disconnectReason() {
        return disconnectReason;
    }

    /** Everything received so far, in arrival order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Messages received on {@code topic}. */
    public List<Received> on(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(TIMEOUT_MILLIS);
            }
        } catch (MqttException e) {
            // closing a test probe
        }
        closeQuietly(client);
    }

    /** One received message. */
    public record Received(String topic, byte[] payload, boolean retained) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private void arrived(String topic, MqttMessage message) {
        if (receipts && topic.endsWith("/receipt")) {
            return;
        }
        received.add(new Received(topic, message.getPayload(), message.isRetained()));
        if (receipts && !message.isRetained()) {
            answer(topic, message.getPayload());
        }
    }
}
