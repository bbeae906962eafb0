package org.kioskops.sim.traffic.mqtt;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.kioskops.sim.traffic.TrafficRecord;

/** Subscribes to a topic filter and hands every message to a sink as a {@link TrafficRecord}. */
public final class PahoRecorder implements AutoCloseable {
    private final MqttClient client;

    private PahoRecorder(MqttClient client) {
        this.client = client;
    }

    /**
     * Starts recording.
     *
     * @param username null to connect anonymously
     */
    public static PahoRecorder start(String url, String username, String password, String filter, Consumer<TrafficRecord> sink)
            throws MqttException {
        return start(url, username, password, java.util.List.of(filter), sink);
    }

    /** Starts recording several topic filters. */
    public static PahoRecorder start(String url, String username, String password, java.util.List<String> filters,
                                     Consumer<TrafficRecord> sink) throws MqttException {
        MqttClient client = new MqttClient(url, "kioskops-recorder-" + Long.toString(System.nanoTime(), 36), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                sink.accept(TrafficRecord.of(Instant.now(), topic, message.getQos(), message.isRetained(), message.getPayload(),
                        properties(message.getProperties())));
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
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        if (username != null) {
            options.setUserName(username);
            options.setPassword(password == null ? null : password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        client.connect(options);
        client.subscribe(filters.stream().map(f -> new MqttSubscription(f, 1)).toArray(MqttSubscription[]::new));
        return new PahoRecorder(client);
    }

    private static TrafficRecord.Properties properties(MqttProperties p) {
        if (p == null) {
            return null;
        }
        Map<String, String> user = new LinkedHashMap<>();
        if (p.getUserProperties() != null) {
            for (UserProperty u : p.getUserProperties()) {
                user.put(u.getKey(), u.getValue());
            }
        }
        return new TrafficRecord.Properties(p.getContentType(), p.getResponseTopic(),
                p.getCorrelationData() == null ? null : java.util.Base64.getEncoder().encodeToString(p.getCorrelationData()),
                p.getMessageExpiryInterval(), user.isEmpty() ? null : user);
    }

    @Override
    public void close() {
        try {
            client.disconnect();
            client.close();
        } catch (MqttException e) {
            // the recording is complete either way
        }
    }
}
