package org.kioskops.sim.traffic.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.kioskops.sim.traffic.TrafficRecord;
import org.kioskops.sim.traffic.TrafficSender;

/**
 * Publishes replayed messages. With device secrets, each device's messages go out on a connection of its
 * own, logged in as that device, as a hub's broker requires; without, one anonymous connection sends all.
 * Publishes wait for the broker's acknowledgement, so that what the summary calls sent was accepted.
 */
public final class PahoReplayer implements TrafficSender {
    private final String url;
    private final Map<String, String> secrets;
    private final Map<String, MqttClient> clients = new HashMap<>();

    public PahoReplayer(String url, Map<String, String> secrets) {
        this.url = url;
        this.secrets = Map.copyOf(secrets);
    }

    @Override
    public void publish(String deviceId, String topic, byte[] payload, int qos, boolean retain, TrafficRecord.Properties p)
            throws MqttException {
        MqttMessage message = new MqttMessage(payload, qos, retain, properties(p));
        client(deviceId).publish(topic, message);
    }

    private MqttClient client(String deviceId) throws MqttException {
        String key = secrets.isEmpty() || deviceId == null ? "" : deviceId;
        MqttClient client = clients.get(key);
        if (client == null) {
            client = new MqttClient(url, key.isEmpty() ? "kioskops-replay-" + Long.toString(System.nanoTime(), 36) : key, new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setAutomaticReconnect(false);
            if (!key.isEmpty()) {
                options.setUserName(key);
                options.setPassword(secrets.getOrDefault(key, "").getBytes(StandardCharsets.UTF_8));
            }
            client.connect(options);
            clients.put(key, client);
        }
        return client;
    }

    private static MqttProperties properties(TrafficRecord.Properties p) {
        if (p == null) {
            return null;
        }
        MqttProperties out = new MqttProperties();
        out.setContentType(p.contentType());
        out.setResponseTopic(p.responseTopic());
        if (p.correlationDataBase64() != null) {
            out.setCorrelationData(Base64.getDecoder().decode(p.correlationDataBase64()));
        }
        if (p.messageExpiryInterval() != null) {
            out.setMessageExpiryInterval(p.messageExpiryInterval());
        }
        if (p.userProperties() != null) {
            List<UserProperty> user = new ArrayList<>();
            p.userProperties().forEach((k, v) -> user.add(new UserProperty(k, v)));
            out.setUserProperties(user);
        }
        return out;
    }

    @Override
    public void close() {
        for (MqttClient c : clients.values()) {
            try {
                c.disconnect();
                c.close();
            } catch (MqttException e) {
                // closing anyway
            }
        }
    }
}
