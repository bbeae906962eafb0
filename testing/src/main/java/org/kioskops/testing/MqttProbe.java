package org.kioskops.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A plain MQTT 5 client for tests: records what arrives on a filter, and publishes raw payloads. */
public final class MqttProbe implements AutoCloseable {
    private final MqttClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Integer serverReceiveMaximum;

    private MqttProbe(String url) throws MqttException {
        client = new MqttClient(url, "probe-" + UUID.randomUUID(), null);
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(new Received(topic, message.getPayload(), message.isRetained()));
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        IMqttToken connack = client.connectWithResult(new MqttConnectionOptions());
        serverReceiveMaximum = connack.getResponseProperties() == null ? null
                : connack.getResponseProperties().getReceiveMaximum();
    }

    /** The Receive Maximum the broker announced in its CONNACK; null when it sent none (65,535). */
    public Integer serverReceiveMaximum() {
        return serverReceiveMaximum;
    }

    /** Connects to {@code url} with a clean session. */
    public static MqttProbe connect(String url) {
        try {
            return new MqttProbe(url);
        } catch (MqttException e) {
            throw new IllegalStateException("probe cannot connect to " + url, e);
        }
    }

    /** Subscribes at QoS 1; retained messages on the filter arrive at once. */
    public MqttProbe subscribe(String filter) {
        try {
            client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)});
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Publishes a raw payload at QoS 1 and waits for the broker's acknowledgement. */
    public void publish(String topic, byte[] payload, boolean retained) {
        try {
            client.publish(topic, new MqttMessage(payload, 1, retained, null));
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes a UTF-8 text payload at QoS 1. */
    public void publish(String topic, String payload) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), false);
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
                client.disconnect();
            }
            client.close();
        } catch (MqttException e) {
            // closing a test probe
        }
    }

    /** One received message. */
    public record Received(String topic, byte[] payload, boolean retained) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }
}
