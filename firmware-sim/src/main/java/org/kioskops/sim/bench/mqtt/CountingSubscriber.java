package org.kioskops.sim.bench.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.kioskops.connectivity.mqtt.MqttSessionSettings;
import org.kioskops.connectivity.mqtt.MqttSubscriber;

/** A subscriber that counts what arrives on one topic filter and does nothing else; its session ends with it. */
public final class CountingSubscriber implements AutoCloseable {
    private final LongAdder received = new LongAdder();
    private MqttSubscriber subscriber;

    private CountingSubscriber() {
    }

    /** Connects and subscribes; returns once the broker granted the subscription. */
    public static CountingSubscriber start(String url, String clientId, String filter, int qos) {
        CountingSubscriber counting = new CountingSubscriber();
        counting.subscriber = MqttSubscriber.start(MqttSessionSettings.builder(url, clientId).sessionExpirySeconds(0).build(),
                List.of(new MqttSubscription(filter, qos)), (topic, message) -> counting.received.increment(), Duration.ofSeconds(10));
        return counting;
    }

    /** Messages received so far. */
    public long count() {
        return received.sum();
    }

    @Override
    public void close() {
        subscriber.close();
    }
}
