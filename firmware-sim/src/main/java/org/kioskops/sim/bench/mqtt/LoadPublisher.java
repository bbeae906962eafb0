package org.kioskops.sim.bench.mqtt;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * One MQTT 5 publishing connection for load generation: QoS 1, as many publishes in flight as the broker's
 * Receive Maximum allows (read from the CONNACK), counting acknowledgements and failures.
 */
public final class LoadPublisher implements AutoCloseable {
    private final MqttAsyncClient client;
    private final Semaphore window;
    private final int windowSize;
    private final LongAdder acked = new LongAdder();
    private final LongAdder failed = new LongAdder();

    /** Connects on a clean session; at most {@code maxWindow} publishes in flight, fewer if the broker says so. */
    public LoadPublisher(String url, String clientId, int maxWindow) throws MqttException {
        client = new MqttAsyncClient(url, clientId, null);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        IMqttToken connack = client.connect(options);
        connack.waitForCompletion(10_000);
        Integer receiveMaximum = connack.getResponseProperties() == null ? null : connack.getResponseProperties().getReceiveMaximum();
        windowSize = Math.min(maxWindow, receiveMaximum == null ? 65_535 : receiveMaximum);
        window = new Semaphore(windowSize);
    }

    public int windowSize() {
        return windowSize;
    }

    /** Publishes the broker acknowledged. */
    public long acked() {
        return acked.sum();
    }

    /** Publishes that failed or that the broker refused. */
    public long failed() {
        return failed.sum();
    }

    /** Publishes at QoS 1, waiting while the in-flight window is full. */
    public void publish(String topic, byte[] payload) throws InterruptedException {
        window.acquire();
        try {
            client.publish(topic, new MqttMessage(payload, 1, false, null), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    acked.increment();
                    window.release();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable exception) {
                    failed.increment();
                    window.release();
                }
            });
        } catch (MqttException e) {
            failed.increment();
            window.release();
        }
    }

    /** Waits until every publish was acknowledged or failed. */
    public void drain() throws InterruptedException {
        window.acquire(windowSize);
        window.release(windowSize);
    }

    @Override
    public void close() throws MqttException {
        client.disconnect().waitForCompletion(5_000);
        client.close();
    }
}
