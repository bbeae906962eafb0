package org.kioskops.sim.traffic.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.kioskops.connectivity.mqtt.MqttSessionSettings;
import org.kioskops.connectivity.mqtt.MqttSubscriber;
import org.kioskops.sim.traffic.TrafficRecord;

/**
 * Subscribes to topic filters and hands every message to a sink as a {@link TrafficRecord}; reconnects and
 * subscribes again when the broker goes away, so a long recording survives a broker restart (what the broker
 * did not take meanwhile is not in it).
 */
public final class PahoRecorder implements AutoCloseable {
    private final MqttSubscriber subscriber;

    private PahoRecorder(MqttSubscriber subscriber) {
        this.subscriber = subscriber;
    }

    /**
     * Starts recording.
     *
     * @param username null to connect anonymously
     */
    public static PahoRecorder start(String url, String username, String password, String filter, Consumer<TrafficRecord> sink) {
        return start(url, username, password, List.of(filter), sink);
    }

    /** Starts recording several topic filters; fails when the broker cannot be reached or refuses within 10 s. */
    public static PahoRecorder start(String url, String username, String password, List<String> filters, Consumer<TrafficRecord> sink) {
        MqttSessionSettings settings = MqttSessionSettings.builder(url, "kioskops-recorder-" + Long.toString(System.nanoTime(), 36))
                .owner("recorder")
                .sessionExpirySeconds(0)
                .credentials(username, () -> password == null ? null : password.getBytes(StandardCharsets.UTF_8))
                .refusalHint("Check --username and --password-file")
                .build();
        return new PahoRecorder(MqttSubscriber.start(settings, filters.stream().map(f -> new MqttSubscription(f, 1)).toList(),
                (topic, message) -> sink.accept(TrafficRecord.of(Instant.now(), topic, message.getQos(), message.isRetained(),
                        message.getPayload(), properties(message.getProperties()))), Duration.ofSeconds(10)));
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
                p.getCorrelationData() == null ? null : Base64.getEncoder().encodeToString(p.getCorrelationData()),
                p.getMessageExpiryInterval(), user.isEmpty() ? null : user);
    }

    @Override
    public void close() {
        subscriber.close();
    }
}
