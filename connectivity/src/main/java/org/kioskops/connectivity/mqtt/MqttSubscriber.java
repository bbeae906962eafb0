package org.kioskops.connectivity.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.kioskops.connectivity.ReconnectBackoff;

/**
 * An {@link MqttSession} that only subscribes and hands every message on: the traffic recorder and the benchmark's
 * counter. It rides out a broker restart like the hub does (its session kept, its subscriptions renewed), so a
 * recording or a count is not cut short by one.
 */
public final class MqttSubscriber implements AutoCloseable {
    private final MqttSession session;
    private final ScheduledExecutorService scheduler;

    private MqttSubscriber(MqttSession session, ScheduledExecutorService scheduler) {
        this.session = session;
        this.scheduler = scheduler;
    }

    /**
     * Connects, subscribes at the QoS each subscription names and returns once the broker granted them all.
     *
     * @throws IllegalStateException when that did not happen within {@code timeout}, with the last cause
     */
    public static MqttSubscriber start(MqttSessionSettings settings, List<MqttSubscription> subscriptions, Callbacks.MessageHandler handler,
                                       Duration timeout) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mqtt-subscriber");
            t.setDaemon(true);
            return t;
        });
        CompletableFuture<Void> up = new CompletableFuture<>();
        String[] lastCause = {"no answer"};
        MqttSession session = new MqttSession(settings, new ReconnectBackoff(100, 5_000, new Random(), scheduler, settings.owner()),
                new MqttSession.Listener() {
                    @Override
                    public List<MqttSubscription> subscriptions() {
                        return subscriptions;
                    }

                    @Override
                    public void connected(MqttSession.Connected connection) {
                        up.complete(null);
                    }

                    @Override
                    public void disconnected(String cause) {
                        lastCause[0] = cause;
                    }

                    @Override
                    public void messageArrived(String topic, MqttMessage message, long connection) throws InterruptedException {
                        handler.arrived(topic, message);
                    }
                });
        MqttSubscriber subscriber = new MqttSubscriber(session, scheduler);
        session.start();
        try {
            up.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            subscriber.close();
            throw new IllegalStateException("cannot subscribe at " + settings.url() + " within " + timeout.toSeconds() + " s: " + lastCause[0]);
        } catch (InterruptedException e) {
            subscriber.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while subscribing at " + settings.url(), e);
        }
        return subscriber;
    }

    /** Whether the subscriber is connected and subscribed now. */
    public boolean isConnected() {
        return session.isConnected();
    }

    @Override
    public void close() {
        session.disconnect(5_000);
        scheduler.shutdownNow();
    }
}
